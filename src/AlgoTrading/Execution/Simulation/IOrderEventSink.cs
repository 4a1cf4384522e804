using AlgoTrading.Domain;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Execution.Simulation;

/// <summary>
/// The owner of a <see cref="SimulatedExecutionClient"/> (the trading core), told of each order event
/// as a call rather than an <see cref="OrderEvent"/> object: a backtest raises two events per order, tens
/// of thousands of orders a run, and the objects were 5.6 of the 38.9 MB a 1M-bar run allocated. The client still
/// raises the event objects for anyone who subscribes to <see cref="IExecutionClient.Events"/>, first (a
/// live run's journal records an event before the core applies it), then tells the sink.
/// </summary>
internal interface IOrderEventSink
{
    /// <summary>The order is working.</summary>
    void OnAccepted(Order order);
    /// <summary>The order was refused (by the client, not by risk).</summary>
    void OnRejected(Order order, long timeUtcTicks, string reason);
    /// <summary>Part or all of the order executed.</summary>
    void OnFilled(Order order, in Fill fill);
    /// <summary>The order was cancelled, expired or replaced: its state changed without a fill.</summary>
    void OnChanged(Order order);
}
