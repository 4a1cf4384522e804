using AlgoTrading.Domain;
using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Execution.Simulation;

/// <summary>
/// An <see cref="IExecutionClient"/> that fills orders against bars with <see cref="FillRules"/> and
/// <see cref="CostModel"/>, for backtests and the paper broker. Orders are accepted at once and work
/// from the next bar given to <see cref="OnBar"/>: market orders fill at its open (buy at the ask,
/// sell at the bid), limits and stops when the bar trades through them (a gap fills at the open).
/// Time in force: GTC works until filled or cancelled; GTD expires on the first bar starting at or
/// after its expiry; Day expires on the first bar of a later trading day; IOC and FOK get one bar:
/// IOC fills what the bar offers (<see cref="SimulationOptions.MaxUnitsPerBar"/>) and cancels the
/// rest, FOK fills whole or is cancelled. An order's attached stop-loss, take-profit and trailing
/// stop become linked orders once it fills, on the same bar; they cancel each other when one fills,
/// and when one bar reaches both the stop and the target <see cref="SimulationOptions.SameBarExits"/> decides.
/// </summary>
public sealed class SimulatedExecutionClient : IExecutionClient
{
    private readonly SimulationOptions _options;
    private readonly Dictionary<string, TradableInstrument> _instruments = new(StringComparer.Ordinal);
    private readonly List<Working> _working = [];
    private readonly Dictionary<ClientOrderId, Order> _byClientId = [];
    private readonly Dictionary<long, ExitGroup> _exitsOf = []; // by entry order id
    private long _nextId;

    private sealed class Working(Order order, long day)
    {
        public readonly Order Order = order;
        public readonly long Day = day;
        public bool SeenABar;
        public ExitGroup? Exits; // set on the linked exit orders of one entry
    }

    private sealed class ExitGroup
    {
        public Order? StopLoss, TakeProfit, Trailing;
        public double TrailDistance = double.NaN;
        public IEnumerable<Order> Orders => new[] { StopLoss, TakeProfit, Trailing }.OfType<Order>();
    }

    /// <summary>A client for <paramref name="instruments"/>.</summary>
    public SimulatedExecutionClient(IEnumerable<TradableInstrument> instruments, SimulationOptions? options = null)
    {
        _options = options ?? new SimulationOptions();
        foreach (var i in instruments) _instruments[i.Symbol] = i;
    }

    /// <inheritdoc />
    public event Action<OrderEvent>? Events;

    /// <inheritdoc />
    public IReadOnlyList<Order> WorkingOrders => _working.Select(w => w.Order).Where(o => o.IsWorking).ToList();

    /// <inheritdoc />
    public Order Submit(OrderRequest request, ClientOrderId clientId, long decisionUtcTicks)
    {
        if (_byClientId.TryGetValue(clientId, out var existing)) return existing; // the same decision sent twice: one order
        var order = new Order(++_nextId, request, decisionUtcTicks, clientId);
        _byClientId[clientId] = order;
        order.Submit();
        if (!_instruments.ContainsKey(request.Instrument))
        {
            order.Reject($"unknown instrument {request.Instrument}");
            Events?.Invoke(new OrderRejected(order, decisionUtcTicks, order.StatusReason!));
            return order;
        }
        order.Accept();
        _working.Add(new Working(order, _options.TradingDayStart(decisionUtcTicks)));
        Events?.Invoke(new OrderAccepted(order, decisionUtcTicks));
        return order;
    }

    /// <inheritdoc />
    public void Replace(ClientOrderId clientId, OrderRequest request)
    {
        var w = Find(clientId);
        w.Order.Replace(request);
        Events?.Invoke(new OrderReplaced(w.Order, w.Order.CreatedUtcTicks));
    }

    /// <inheritdoc />
    public void Cancel(ClientOrderId clientId, string reason)
    {
        var w = Find(clientId);
        Close(w.Order, w.Order.CreatedUtcTicks, reason);
    }

    private Working Find(ClientOrderId clientId) => _working.FirstOrDefault(w => w.Order.ClientId == clientId && w.Order.IsWorking)
        ?? throw new InvalidOperationException($"no working order {clientId}");

    /// <summary>
    /// Works the orders of <paramref name="instrument"/> against one bar starting at <paramref name="time"/>
    /// (UTC ticks): entries first, in submission order, then the exits linked to filled entries.
    /// </summary>
    /// <param name="instrument">The instrument of the bar.</param>
    /// <param name="time">The bar's start, UTC ticks (the time of every event it causes).</param>
    /// <param name="bar">Bid and ask OHLC (single-price data with a modelled half-spread on each side).</param>
    /// <param name="quoteToAccount">Account-currency value of one unit of the quote currency at this bar.</param>
    public void OnBar(string instrument, long time, in QuoteBarView bar, double quoteToAccount)
    {
        var spec = _instruments[instrument];
        int count = _working.Count; // exits created by this bar's fills are checked on this bar too, after the entries
        for (int i = 0; i < count; i++)
        {
            var w = _working[i];
            if (w.Order.Request.Instrument != instrument || !w.Order.IsWorking || w.Exits is not null) continue;
            WorkEntry(w, spec, time, bar, quoteToAccount);
        }
        foreach (var group in _working.Where(w => w.Exits is not null && w.Order.IsWorking && w.Order.Request.Instrument == instrument).Select(w => w.Exits!).Distinct().ToList())
            WorkExits(group, spec, time, bar, quoteToAccount);
        _working.RemoveAll(w => !w.Order.IsWorking);
    }

    private void WorkEntry(Working w, TradableInstrument spec, long time, in QuoteBarView bar, double rate)
    {
        var order = w.Order;
        var r = order.Request;
        bool oneBar = r.TimeInForce is TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill;
        if (r.TimeInForce == TimeInForce.GoodTillDate && time >= r.ExpiryUtcTicks) { Expire(order, time, "GTD expiry passed"); return; }
        if (r.TimeInForce == TimeInForce.Day && _options.TradingDayStart(time) != w.Day) { Expire(order, time, "the trading day ended"); return; }
        w.SeenABar = true;
        double units = order.RemainingUnits;
        double price = r.Type switch
        {
            OrderType.Limit => FillRules.Limit(units, r.Price!.Value, bar),
            OrderType.Stop => FillRules.Stop(units, r.Price!.Value, bar),
            _ => FillRules.Market(units, bar),
        };
        if (double.IsNaN(price))
        {
            if (oneBar) Close(order, time, $"{r.TimeInForce}: the price was not reached");
            return;
        }
        double available = Math.Min(Math.Abs(units), _options.MaxUnitsPerBar);
        if (r.TimeInForce == TimeInForce.FillOrKill && available < Math.Abs(units)) { Close(order, time, $"FillOrKill: {available} of {Math.Abs(units)} units available"); return; }
        double filled = Math.Sign(units) * available;
        Execute(order, spec, time, filled, price, bar, rate);
        if (order.IsWorking && oneBar) Close(order, time, $"ImmediateOrCancel: {Math.Abs(order.RemainingUnits)} units not filled");
        if (r.StopLoss is not null || r.TakeProfit is not null || r.TrailingDistance is not null) AttachExits(order, time, order.AverageFillPrice);
    }

    // The exits of the position the entry opened: opposite units, measured from its fill price. A
    // later partial fill of the same entry grows the exits it already has rather than adding more.
    private void AttachExits(Order entry, long time, double entryPrice)
    {
        var r = entry.Request;
        double units = entry.FilledUnits;
        if (_exitsOf.TryGetValue(entry.Id, out var existing))
        {
            foreach (var exit in existing.Orders.Where(o => o.IsWorking)) exit.Replace(exit.Request with { Units = -units });
            return;
        }
        var group = _exitsOf[entry.Id] = new ExitGroup();
        double dir = units > 0 ? 1 : -1;
        int sequence = entry.ClientId.Sequence;
        Order Linked(int n, OrderType type, double price, string reason)
        {
            var id = ClientOrderId.For(entry.ClientId.Strategy, entry.ClientId.Instrument, entry.ClientId.DecisionUtcTicks, sequence + n);
            var exit = new Order(++_nextId, new OrderRequest(r.Instrument, -units, type, price) { Reason = reason }, time, id);
            _byClientId[id] = exit;
            exit.Submit();
            exit.Accept();
            _working.Add(new Working(exit, _options.TradingDayStart(time)) { Exits = group });
            Events?.Invoke(new OrderAccepted(exit, time));
            return exit;
        }
        if (r.StopLoss is { } sl) group.StopLoss = Linked(1, OrderType.Stop, sl, "exit:stop_loss");
        if (r.TakeProfit is { } tp) group.TakeProfit = Linked(2, OrderType.Limit, tp, "exit:take_profit");
        if (r.TrailingDistance is { } trail) (group.TrailDistance, group.Trailing) = (trail, Linked(3, OrderType.Stop, entryPrice - dir * trail, "exit:trailing_stop"));
    }

    private void WorkExits(ExitGroup g, TradableInstrument spec, long time, in QuoteBarView bar, double rate)
    {
        var any = g.Orders.First(o => o.IsWorking);
        double units = any.RemainingUnits;
        // The binding stop is the tighter of the stop-loss and the trailing stop.
        Order? stop = (g.StopLoss, g.Trailing) switch
        {
            ({ IsWorking: true } s, { IsWorking: true } t) => units < 0 ? (t.Request.Price > s.Request.Price ? t : s) : (t.Request.Price < s.Request.Price ? t : s),
            ({ IsWorking: true } s, _) => s,
            (_, { IsWorking: true } t) => t,
            _ => null,
        };
        double stopPrice = stop is null ? double.NaN : FillRules.Stop(units, stop.Request.Price!.Value, bar);
        double takePrice = g.TakeProfit is { IsWorking: true } take ? FillRules.Limit(units, take.Request.Price!.Value, bar) : double.NaN;
        bool stopHit = !double.IsNaN(stopPrice), takeHit = !double.IsNaN(takePrice);
        Order? filled = null;
        if (stopHit && (!takeHit || _options.SameBarExits == SameBarExitOrder.WorseFirst)) Execute(filled = stop!, spec, time, units, stopPrice, bar, rate);
        else if (takeHit) Execute(filled = g.TakeProfit!, spec, time, units, takePrice, bar, rate);
        else if (g.Trailing is { IsWorking: true } trailing)
        {
            double moved = units < 0 ? Math.Max(trailing.Request.Price!.Value, bar.BidHigh - g.TrailDistance) : Math.Min(trailing.Request.Price!.Value, bar.AskLow + g.TrailDistance);
            if (moved != trailing.Request.Price)
            {
                trailing.Replace(trailing.Request with { Price = moved });
                Events?.Invoke(new OrderReplaced(trailing, time));
            }
        }
        if (filled is null) return;
        foreach (var other in g.Orders.Where(o => o != filled && o.IsWorking)) Close(other, time, $"linked exit {filled.ClientId} filled");
    }

    private void Execute(Order order, TradableInstrument spec, long time, double units, double price, in QuoteBarView bar, double rate)
    {
        double slippage = _options.ApplyCosts ? _options.SlippagePips * spec.PipSize : 0;
        var (final, costs) = CostModel.Fill(spec, units, price, (bar.AskOpen - bar.BidOpen) / 2, slippage, rate, _options.ApplyCosts);
        order.Fill(units, final);
        Events?.Invoke(new OrderFilled(order, time, new Fill(order.Id, spec.Symbol, time, units, final, costs, order.Request.Reason)));
    }

    private void Close(Order order, long time, string reason)
    {
        order.Cancel(reason);
        Events?.Invoke(new OrderCancelled(order, time, reason));
    }

    private void Expire(Order order, long time, string reason)
    {
        order.Expire(reason);
        Events?.Invoke(new OrderExpired(order, time, reason));
    }
}
