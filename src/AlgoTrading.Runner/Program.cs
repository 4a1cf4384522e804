using AlgoTrading.Runner.Commands;

return await AlgoTradingCli.InvokeAsync(args);
