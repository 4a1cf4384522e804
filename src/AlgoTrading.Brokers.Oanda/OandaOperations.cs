using AlgoTrading.Configuration;
using AlgoTrading.Execution.Brokers;

namespace AlgoTrading.Brokers.Oanda;

/// <summary>Everything an operator looks at: the summary and the open positions, trades and pending orders.</summary>
/// <param name="Summary">Balance, NAV, margin and counts.</param>
/// <param name="Positions">Open positions.</param>
/// <param name="Trades">Open trades.</param>
/// <param name="Orders">Pending orders.</param>
public sealed record AccountSnapshot(AccountSummary Summary, IReadOnlyList<BrokerPosition> Positions, IReadOnlyList<BrokerTrade> Trades, IReadOnlyList<BrokerOrder> Orders);

/// <summary>What <see cref="OandaOperations.FlattenAsync"/> did.</summary>
/// <param name="CancelledOrders">Ids of the pending orders cancelled.</param>
/// <param name="ClosingFills">The fills that closed positions.</param>
public sealed record FlattenResult(IReadOnlyList<string> CancelledOrders, IReadOnlyList<BrokerTransaction> ClosingFills);

/// <summary>The operator's broker commands: connect from the project's configuration, look at the account, empty it.</summary>
public static class OandaOperations
{
    /// <summary>
    /// A client for the project at <paramref name="projectRoot"/>: secrets from its <c>.env</c> or the
    /// environment, hosts from <paramref name="broker"/> (practice unless <paramref name="live"/> and confirmed).
    /// </summary>
    public static OandaClient Connect(BrokerOptions broker, string projectRoot, bool live, Action<string>? log = null, Action<string, bool>? onStreamState = null) =>
        new(OandaEnvironment.Resolve(broker, DotEnvFile.Load(Path.Combine(projectRoot, ".env")), live, Path.Combine(projectRoot, "config", "system_config.yaml")) with { Log = log, OnStreamState = onStreamState });

    /// <summary>Reads summary, positions, trades and pending orders.</summary>
    public static async Task<AccountSnapshot> SnapshotAsync(IBroker broker, CancellationToken cancellationToken = default)
    {
        var summary = broker.GetAccountSummaryAsync(cancellationToken);
        var positions = broker.GetOpenPositionsAsync(cancellationToken);
        var trades = broker.GetOpenTradesAsync(cancellationToken);
        var orders = broker.GetPendingOrdersAsync(cancellationToken);
        return new AccountSnapshot(await summary, await positions, await trades, await orders);
    }

    /// <summary>
    /// Cancels the pending entry orders and closes the positions of <paramref name="instrument"/>
    /// (all instruments when null). Orders attached to trades go with their trades.
    /// </summary>
    public static async Task<FlattenResult> FlattenAsync(OandaClient client, string? instrument, CancellationToken cancellationToken = default)
    {
        var cancelled = new List<string>();
        foreach (var order in await client.GetPendingOrdersAsync(cancellationToken))
        {
            if (order.TradeId is not null || (instrument is not null && order.Instrument != instrument)) continue;
            await client.CancelOrderByIdAsync(order.Id, cancellationToken);
            cancelled.Add(order.Id);
        }
        var fills = new List<BrokerTransaction>();
        foreach (var position in await client.GetOpenPositionsAsync(cancellationToken))
            if (instrument is null || position.Instrument == instrument)
                fills.AddRange(await client.ClosePositionAsync(position.Instrument, cancellationToken));
        return new FlattenResult(cancelled, fills);
    }
}
