using Prometheus;

namespace AlgoTrading.Live.Monitoring;

/// <summary>
/// The live runner's metrics, in their own registry (so two runners in one process, or a test, do
/// not share counters), exported as Prometheus text by <see cref="MonitoringServer"/>. Units are in
/// the names: money in the account currency, times in seconds.
/// </summary>
public sealed class LiveMetrics
{
    private readonly Gauge _equity, _openRisk, _streamLag, _breaker;
    private readonly Counter _reconnects, _rejects, _orders, _fills;
    private readonly Histogram _priceToOrder;
    // Labelled children resolved once: WithLabels allocates its label array on every call, and the loop sets these per step or per quote.
    private readonly Dictionary<(Gauge, string), Gauge.Child> _children = [];
    private readonly Lock _childrenGate = new();

    /// <summary>Creates the metrics in a new registry.</summary>
    public LiveMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        _equity = f.CreateGauge("algotrading_equity", "Account equity (NAV), account currency.");
        _openRisk = f.CreateGauge("algotrading_open_exposure", "Net open exposure per currency, in the account currency (signed: long positive).", "currency");
        _streamLag = f.CreateGauge("algotrading_stream_lag_seconds", "Seconds between a stream message's own time and its arrival.", "stream");
        _breaker = f.CreateGauge("algotrading_breaker_tripped", "1 while a circuit breaker is tripped, else 0.", "breaker");
        _reconnects = f.CreateCounter("algotrading_reconnects_total", "Stream reconnections.", "stream");
        _rejects = f.CreateCounter("algotrading_rejects_total", "Orders refused by risk rules or the broker.", "source");
        _orders = f.CreateCounter("algotrading_orders_submitted_total", "Orders sent to the broker.");
        _fills = f.CreateCounter("algotrading_fills_total", "Fills received.");
        _priceToOrder = f.CreateHistogram("algotrading_price_to_order_seconds", "From the price that closed a bar to the order request leaving the runner.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.000_05, 2, 18) });
    }

    /// <summary>The registry the exporter reads.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Sets the equity.</summary>
    public void SetEquity(double equity) => _equity.Set(equity);
    /// <summary>Sets the net exposure in <paramref name="currency"/>.</summary>
    public void SetExposure(string currency, double exposure) => Child(_openRisk, currency).Set(exposure);
    /// <summary>Sets the lag of <paramref name="stream"/> (<c>pricing</c> or <c>transactions</c>).</summary>
    public void SetStreamLag(string stream, TimeSpan lag) => Child(_streamLag, stream).Set(lag.TotalSeconds);
    /// <summary>Marks <paramref name="breaker"/> tripped or reset.</summary>
    public void SetBreaker(string breaker, bool tripped) => Child(_breaker, breaker).Set(tripped ? 1 : 0);
    /// <summary>Counts a reconnection of <paramref name="stream"/>.</summary>
    public void Reconnected(string stream) => _reconnects.WithLabels(stream).Inc();
    /// <summary>Counts a reject by <paramref name="source"/> (<c>risk</c> or <c>broker</c>).</summary>
    public void Rejected(string source) => _rejects.WithLabels(source).Inc();
    /// <summary>Counts an order sent.</summary>
    public void OrderSubmitted() => _orders.Inc();
    /// <summary>Counts a fill.</summary>
    public void Filled() => _fills.Inc();
    /// <summary>Records one price-to-order latency.</summary>
    public void ObservePriceToOrder(TimeSpan latency) => _priceToOrder.Observe(latency.TotalSeconds);

    private Gauge.Child Child(Gauge gauge, string label)
    {
        lock (_childrenGate)
        {
            if (!_children.TryGetValue((gauge, label), out var child)) _children[(gauge, label)] = child = gauge.WithLabels(label);
            return child;
        }
    }
}
