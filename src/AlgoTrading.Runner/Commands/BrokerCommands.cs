using System.CommandLine;
using System.Text.Json;
using AlgoTrading.Brokers.Oanda;
using AlgoTrading.Execution.Brokers;
using Spectre.Console;

namespace AlgoTrading.Runner.Commands;

/// <summary><c>algotrading broker summary|orders|trades|positions|flatten</c>: look at or empty the (practice) account by hand.</summary>
internal static class BrokerCommands
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    public static readonly Option<bool> Live = new("--live") { Description = "Use the live (real money) hosts; also needs broker.environment: live and broker.confirm_live: true", Recursive = true };

    public static Command Build()
    {
        var broker = new Command("broker", "Check or empty the OANDA account (practice unless --live is confirmed)");
        broker.Add(Live);
        broker.Add(Show("summary", "Balance, NAV, margin used, open positions and trades, pending orders", Summary));
        broker.Add(Show("orders", "Pending orders", s => Table(s.Orders, ["id", "client id", "type", "instrument", "units", "price", "trade"],
            o => [o.Id, o.ClientId ?? "", o.Type, o.Instrument ?? "", $"{o.Units:0.##}", $"{o.Price}", o.TradeId ?? ""]), s => s.Orders));
        broker.Add(Show("trades", "Open trades", s => Table(s.Trades, ["id", "instrument", "units", "price", "opened (UTC)", "unrealised P&L", "client id"],
            t => [t.Id, t.Instrument, $"{t.CurrentUnits:0.##}", $"{t.Price}", $"{t.OpenedUtc:yyyy-MM-dd HH:mm:ss}", $"{t.UnrealizedPnl:N2}", t.ClientOrderId ?? ""]), s => s.Trades));
        broker.Add(Show("positions", "Open positions", s => Table(s.Positions, ["instrument", "long", "short", "net", "unrealised P&L"],
            p => [p.Instrument, $"{p.LongUnits:0.##}", $"{p.ShortUnits:0.##}", $"{p.NetUnits:0.##}", $"{p.UnrealizedPnl:N2}"]), s => s.Positions));
        broker.Add(Flatten());
        return broker;
    }

    private static Command Show(string name, string description, Action<AccountSnapshot> print, Func<AccountSnapshot, object>? select = null)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var command = new Command(name, description) { json };
        command.SetAction(AlgoTradingCli.Run(async (context, parse, ct) =>
        {
            using var client = OandaOperations.Connect(context.Configuration.System.Broker, context.Root, parse.GetValue(Live), m => context.Log.Debug("broker: {Message}", m));
            var snapshot = await OandaOperations.SnapshotAsync(client, ct);
            if (parse.GetValue(json)) Console.Out.WriteLine(JsonSerializer.Serialize(select?.Invoke(snapshot) ?? snapshot, Json));
            else print(snapshot);
            return 0;
        }));
        return command;
    }

    private static void Summary(AccountSnapshot s)
    {
        var a = s.Summary;
        var table = new Table().HideHeaders().AddColumns("key", "value");
        table.AddRow("currency", a.Currency);
        table.AddRow("balance", $"{a.Balance:N2}");
        table.AddRow("NAV", $"{a.NetAssetValue:N2}");
        table.AddRow("unrealised P&L", $"{a.UnrealizedPnl:N2}");
        table.AddRow("margin used", $"{a.MarginUsed:N2}");
        table.AddRow("margin available", $"{a.MarginAvailable:N2}");
        table.AddRow("open positions", $"{a.OpenPositionCount}" + (s.Positions.Count > 0 ? $" ({Markup.Escape(string.Join(", ", s.Positions.Select(p => $"{p.Instrument} {p.NetUnits:0.##}")))})" : ""));
        table.AddRow("open trades", $"{a.OpenTradeCount}");
        table.AddRow("pending orders", $"{a.PendingOrderCount}");
        table.AddRow("last transaction", $"{a.LastTransactionId}");
        Write(table);
    }

    private static void Table<T>(IReadOnlyList<T> rows, string[] columns, Func<T, string[]> cells)
    {
        if (rows.Count == 0) { Console.Out.WriteLine("none"); return; }
        var table = new Table();
        foreach (var c in columns) table.AddColumn(Markup.Escape(c));
        foreach (var row in rows) table.AddRow(cells(row).Select(Markup.Escape).ToArray());
        Write(table);
    }

    private static Command Flatten()
    {
        var instrument = new Option<string?>("--instrument") { Description = "Only this instrument (default: all)" };
        var yes = new Option<bool>("--yes") { Description = "Do not ask for confirmation" };
        var command = new Command("flatten", "Cancel pending orders and close positions") { instrument, yes };
        command.SetAction(AlgoTradingCli.Run(async (context, parse, ct) =>
        {
            var only = parse.GetValue(instrument);
            var what = only is null ? "all instruments" : only;
            if (!parse.GetValue(yes))
            {
                Console.Out.Write($"Cancel pending orders and close positions in {what}? [y/N] ");
                var answer = Console.In.ReadLine();
                if (answer?.Trim().ToLowerInvariant() is not ("y" or "yes"))
                {
                    Console.Error.WriteLine("error: flatten not confirmed; nothing was changed (pass --yes to skip the question)");
                    return 1;
                }
            }
            using var client = OandaOperations.Connect(context.Configuration.System.Broker, context.Root, parse.GetValue(Live), m => context.Log.Debug("broker: {Message}", m));
            var result = await OandaOperations.FlattenAsync(client, only, ct);
            Console.Out.WriteLine($"flattened {what}: {result.CancelledOrders.Count} pending orders cancelled, {result.ClosingFills.Count} closing fills");
            foreach (var fill in result.ClosingFills) Console.Out.WriteLine($"  {fill.Instrument} {fill.Units:0.##} at {fill.Price} (P&L {fill.RealizedPnl:N2})");
            context.Log.Information("broker flatten {What}: {Orders} orders cancelled, {Fills} closing fills", what, result.CancelledOrders.Count, result.ClosingFills.Count);
            return 0;
        }));
        return command;
    }

    private static void Write(Table table) => AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }).Write(table);
}
