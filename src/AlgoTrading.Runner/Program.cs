using AlgoTrading.Runner.Commands;

return await AlgoTradingCli.Build().Parse(args).InvokeAsync();
