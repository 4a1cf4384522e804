using System.Runtime.InteropServices;
using AlgoTrading.Domain;
using AlgoTrading.Execution.Orders;
using AlgoTrading.Features.Indicators;

namespace AlgoTrading.Execution.Simulation;

/// <summary>
/// An <see cref="IExecutionClient"/> that fills orders against bars with <see cref="FillRules"/> and
/// <see cref="CostModel"/>: the one simulated account behind backtests and the paper broker. Orders
/// are accepted at once and work from the next bar given to <see cref="OnBar(string, long, in QuoteBarView, double)"/>:
/// market orders fill at its open (buy at the ask, sell at the bid), limits and stops when the bar
/// trades through them (a gap fills at the open).
/// </summary>
/// <remarks>
/// <para>Time in force: GTC works until filled or cancelled; GTD expires on the first bar starting at or
/// after its expiry; Day expires on the first bar of a later trading day; IOC and FOK get one bar: IOC
/// fills what the bar offers (<see cref="SimulationOptions.MaxUnitsPerBar"/>) and cancels the rest, FOK
/// fills whole or is cancelled.</para>
/// <para>The account is netted, as at a retail FX broker: one position per instrument, and the attached
/// stop-loss, take-profit and trailing stop belong to it. They are placed when an order fills in the
/// direction of the position (opened, reversed or added to), sized to the whole position and measured
/// from its average price; they are checked on the same bar, after the entries; they cancel each other
/// when one fills, and when one bar reaches both the stop and the target
/// <see cref="SimulationOptions.SameBarExits"/> decides. An order that closes the position cancels them;
/// one that reduces it resizes them.</para>
/// </remarks>
public sealed class SimulatedExecutionClient : IExecutionClient
{
    private readonly SimulationOptions _options;
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<Book> _books = [];
    // The live orders by client id: a decision sent again while its order works gets that order back.
    // Finished orders leave it (a backtest finishes hundreds of thousands); a live runner's journal
    // keeps every id it ever sent and refuses a second send of a finished decision.
    private readonly Dictionary<ClientOrderId, Order> _byClientId = [];
    private readonly bool _tracksAtr;
    private IOrderEventSink? _sink;
    private long _nextId;

    // One instrument's side of the account: the working entries in submission order, the net
    // position they built and the exits attached to it.
    private sealed class Book(TradableInstrument instrument, int atrPeriod)
    {
        public readonly TradableInstrument Instrument = instrument;
        public readonly List<Working> Entries = [];
        public double Net, AveragePrice;
        public Order? StopLoss, TakeProfit, Trailing, ExitsPlacedBy;
        public double TrailDistance = double.NaN;
        public AverageTrueRange Atr = new(atrPeriod); // a mutable struct: never readonly, or every Next works on a copy
        public double LastAtr = double.NaN;
        public bool HasExits => StopLoss is { IsWorking: true } || TakeProfit is { IsWorking: true } || Trailing is { IsWorking: true };
    }

    // A working entry and the trading day it was accepted on (which ends a Day order).
    private readonly record struct Working(Order Order, long Day);

    /// <summary>A client for <paramref name="instruments"/>.</summary>
    public SimulatedExecutionClient(IEnumerable<TradableInstrument> instruments, SimulationOptions? options = null)
    {
        _options = options ?? new SimulationOptions();
        _tracksAtr = _options.SlippageAtrFraction > 0;
        foreach (var i in instruments)
        {
            if (_index.ContainsKey(i.Symbol)) continue;
            _index[i.Symbol] = _books.Count;
            _books.Add(new Book(i, SimulationOptions.AtrPeriod));
        }
    }

    /// <inheritdoc />
    public event Action<OrderEvent>? Events;

    /// <summary>Tells <paramref name="sink"/> of every event first, as calls (see <see cref="IOrderEventSink"/>); one sink per client.</summary>
    internal void Attach(IOrderEventSink sink)
    {
        if (_sink is not null && !ReferenceEquals(_sink, sink)) throw new InvalidOperationException("this simulated client already reports to another trading core");
        _sink = sink;
    }

    /// <inheritdoc />
    public IReadOnlyList<Order> WorkingOrders
    {
        get
        {
            var list = new List<Order>();
            foreach (var b in _books)
            {
                foreach (var w in b.Entries) if (w.Order.IsWorking) list.Add(w.Order);
                foreach (var o in (ReadOnlySpan<Order?>)[b.StopLoss, b.TakeProfit, b.Trailing]) if (o is { IsWorking: true }) list.Add(o);
            }
            return list;
        }
    }

    /// <summary>Signed units of the simulated account's net position in <paramref name="instrument"/>.</summary>
    public double PositionOf(string instrument) => _index.TryGetValue(instrument, out var i) ? _books[i].Net : 0;

    /// <inheritdoc />
    public Order Submit(OrderRequest request, ClientOrderId clientId, long decisionUtcTicks)
    {
        // One hash of the id finds a live order with it or makes its entry: the same decision sent twice gets one order.
        ref var live = ref CollectionsMarshal.GetValueRefOrAddDefault(_byClientId, clientId, out bool sentBefore);
        if (sentBefore) return live!;
        Order order;
        try { order = new Order(++_nextId, request, decisionUtcTicks, clientId); }
        catch { _byClientId.Remove(clientId); throw; } // an invalid request leaves no entry behind
        order.Submit();
        if (IndexOf(request.Instrument) is not (>= 0 and var book))
        {
            _byClientId.Remove(clientId);
            order.Reject($"unknown instrument {request.Instrument}");
            Events?.Invoke(new OrderRejected(order, decisionUtcTicks, order.StatusReason!));
            _sink?.OnRejected(order, decisionUtcTicks, order.StatusReason!);
            return order;
        }
        order.Accept();
        live = order;
        // The trading day matters only to Day orders (and finding it converts time zones): not looked up for the others.
        _books[book].Entries.Add(new Working(order, request.TimeInForce == TimeInForce.Day ? _options.TradingDayStart(decisionUtcTicks) : 0));
        Accepted(order, decisionUtcTicks);
        return order;
    }

    /// <inheritdoc />
    public void Replace(ClientOrderId clientId, OrderRequest request)
    {
        var order = Find(clientId);
        order.Replace(request);
        Replaced(order, order.CreatedUtcTicks);
    }

    /// <inheritdoc />
    public void Cancel(ClientOrderId clientId, string reason)
    {
        var order = Find(clientId);
        Close(order, order.CreatedUtcTicks, reason);
    }

    private Order Find(ClientOrderId clientId) => _byClientId.TryGetValue(clientId, out var o) && o.IsWorking ? o
        : throw new InvalidOperationException($"no working order {clientId}");

    /// <summary>
    /// Works the orders of <paramref name="instrument"/> against one bar starting at <paramref name="time"/>
    /// (UTC ticks): entries first, in submission order, then the exits of the position.
    /// </summary>
    /// <param name="instrument">The instrument of the bar.</param>
    /// <param name="time">The bar's start, UTC ticks (the time of every event it causes).</param>
    /// <param name="bar">Bid and ask OHLC (single-price data with a modelled half-spread on each side).</param>
    /// <param name="quoteToAccount">Account-currency value of one unit of the quote currency at this bar.</param>
    public void OnBar(string instrument, long time, in QuoteBarView bar, double quoteToAccount)
    {
        if (!_index.TryGetValue(instrument, out var i)) throw new ArgumentException($"{instrument} is not an instrument of this client", nameof(instrument));
        OnBar(i, time, bar, quoteToAccount);
    }

    /// <summary>The position of <paramref name="instrument"/> in registration order (what the trading core calls its slot); -1 for an instrument it does not know.</summary>
    internal int IndexOf(string instrument)
    {
        // The trading core sends its own symbol strings: a reference compare finds them without hashing.
        for (int i = 0; i < _books.Count; i++) if (ReferenceEquals(_books[i].Instrument.Symbol, instrument)) return i;
        return _index.GetValueOrDefault(instrument, -1);
    }

    /// <summary>
    /// How much of the next bar of book <paramref name="index"/> can change something: nothing when no
    /// order works; the opens when only market entries without exits work (they fill at the open);
    /// the whole bar for limits, stops, exits, or slippage that follows the ATR (whose every bar counts).
    /// The trading core reads only that much.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal BarNeed NeedOf(int index)
    {
        if (_tracksAtr) return BarNeed.Full;
        var book = _books[index];
        if (book.Entries.Count == 0 && !book.HasExits) return BarNeed.None;
        return book.HasExits ? BarNeed.Full : EntriesNeed(book.Entries);
    }

    private static BarNeed EntriesNeed(List<Working> entries)
    {
        foreach (var w in entries)
        {
            var r = w.Order.Request;
            if (r.Type != OrderType.Market || r.HasAttachedExits) return BarNeed.Full; // a price to reach, or exits placed on the fill and checked on the same bar
        }
        return BarNeed.Opens;
    }

    internal void OnBar(int index, long time, in QuoteBarView bar, double quoteToAccount)
    {
        var book = _books[index];
        var entries = book.Entries;
        if (entries.Count > 0)
        {
            int count = entries.Count; // orders submitted while this bar is worked wait for the next one
            for (int i = 0; i < count; i++)
                if (entries[i].Order.IsWorking) WorkEntry(book, entries[i], time, bar, quoteToAccount);
            entries.RemoveAll(static w => !w.Order.IsWorking);
        }
        if (book.HasExits) WorkExits(book, time, bar, quoteToAccount);
        // Slippage measured in ATRs uses the ATR of the bars before the fill: updated after this bar's fills.
        if (_options.SlippageAtrFraction > 0)
            book.LastAtr = book.Atr.Next((bar.BidHigh + bar.AskHigh) / 2, (bar.BidLow + bar.AskLow) / 2, bar.MidClose);
    }

    private void WorkEntry(Book book, Working w, long time, in QuoteBarView bar, double rate)
    {
        var order = w.Order;
        var r = order.Request;
        bool oneBar = r.TimeInForce is TimeInForce.ImmediateOrCancel or TimeInForce.FillOrKill;
        if (r.TimeInForce == TimeInForce.GoodTillDate && time >= r.ExpiryUtcTicks) { Expire(order, time, "GTD expiry passed"); return; }
        if (r.TimeInForce == TimeInForce.Day && _options.TradingDayStart(time) != w.Day) { Expire(order, time, "the trading day ended"); return; }
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
        Execute(book, order, time, units > 0 ? available : -available, price, bar, rate);
        if (order.IsWorking && oneBar) Close(order, time, $"ImmediateOrCancel: {Math.Abs(order.RemainingUnits)} units not filled");
        AdjustExits(book, order, time);
    }

    // What an entry's fill does to the position's exits: closed -> cancelled; reduced -> resized;
    // opened, reversed or added to -> replaced by the order's own exits (none if it has none). A
    // further partial fill of the entry that placed them only resizes them.
    private void AdjustExits(Book book, Order order, long time)
    {
        double net = book.Net;
        bool alongOrder = net != 0 && (net > 0) == (order.Request.Units > 0); // units are never 0: signs compared, not Math.Sign (which checks for NaN and is not inlined)
        if (!alongOrder && net == 0)
        {
            if (book.HasExits) CancelExits(book, time, $"position closed by {order.ClientId}"); // the reason names the order: formatted only when used
            return;
        }
        if (!alongOrder || (ReferenceEquals(book.ExitsPlacedBy, order) && book.HasExits))
        {
            foreach (var exit in Exits(book)) if (exit.Request.Units != -net) exit.Replace(exit.Request with { Units = -net });
            return;
        }
        if (book.HasExits) CancelExits(book, time, $"replaced by the exits of {order.ClientId}");
        var r = order.Request;
        double dir = net > 0 ? 1 : -1, entry = book.AveragePrice;
        double? stop = r.StopLossDistance is { } sd ? entry - dir * sd : r.StopLoss;
        double? take = r.TakeProfitDistance is { } td ? entry + dir * td : r.TakeProfit;
        if (stop is { } s) book.StopLoss = Linked(order, "stop_loss", OrderType.Stop, -net, s, time);
        if (take is { } t) book.TakeProfit = Linked(order, "take_profit", OrderType.Limit, -net, t, time);
        if (r.TrailingDistance is { } trail)
            (book.TrailDistance, book.Trailing) = (trail, Linked(order, "trailing_stop", OrderType.Stop, -net, entry - dir * trail, time));
        book.ExitsPlacedBy = order;
    }

    // An exit's client id is its entry's, with the exit's kind added to the strategy: unique however
    // many orders the strategy sends at the same decision time.
    private Order Linked(Order entry, string kind, OrderType type, double units, double price, long time)
    {
        var e = entry.ClientId;
        var id = ClientOrderId.For($"{e.Strategy}:{kind}", e.Instrument, e.DecisionUtcTicks, e.Sequence);
        var exit = new Order(++_nextId, new OrderRequest(entry.Request.Instrument, units, type, price) { Reason = "exit:" + kind }, time, id);
        _byClientId[id] = exit;
        exit.Submit();
        exit.Accept();
        Accepted(exit, time);
        return exit;
    }

    private static IEnumerable<Order> Exits(Book b)
    {
        if (b.StopLoss is { IsWorking: true } s) yield return s;
        if (b.TakeProfit is { IsWorking: true } t) yield return t;
        if (b.Trailing is { IsWorking: true } r) yield return r;
    }

    private void CancelExits(Book book, long time, string reason)
    {
        if (!book.HasExits) return;
        foreach (var exit in Exits(book).ToList()) Close(exit, time, reason);
        (book.StopLoss, book.TakeProfit, book.Trailing, book.ExitsPlacedBy, book.TrailDistance) = (null, null, null, null, double.NaN);
    }

    private void WorkExits(Book b, long time, in QuoteBarView bar, double rate)
    {
        double units = -b.Net;
        // The binding stop is the tighter of the stop-loss and the trailing stop; equal: the stop-loss.
        Order? stop = (b.StopLoss, b.Trailing) switch
        {
            ({ IsWorking: true } s, { IsWorking: true } t) => units < 0 ? (t.Request.Price > s.Request.Price ? t : s) : (t.Request.Price < s.Request.Price ? t : s),
            ({ IsWorking: true } s, _) => s,
            (_, { IsWorking: true } t) => t,
            _ => null,
        };
        double stopPrice = stop is null ? double.NaN : FillRules.Stop(units, stop.Request.Price!.Value, bar);
        double takePrice = b.TakeProfit is { IsWorking: true } take ? FillRules.Limit(units, take.Request.Price!.Value, bar) : double.NaN;
        bool stopHit = !double.IsNaN(stopPrice), takeHit = !double.IsNaN(takePrice);
        Order? filled = null;
        if (stopHit && (!takeHit || _options.SameBarExits == SameBarExitOrder.WorseFirst)) Execute(b, filled = stop!, time, units, stopPrice, bar, rate);
        else if (takeHit) Execute(b, filled = b.TakeProfit!, time, units, takePrice, bar, rate);
        else if (b.Trailing is { IsWorking: true } trailing)
        {
            double moved = units < 0 ? Math.Max(trailing.Request.Price!.Value, bar.BidHigh - b.TrailDistance) : Math.Min(trailing.Request.Price!.Value, bar.AskLow + b.TrailDistance);
            if (moved != trailing.Request.Price)
            {
                trailing.Replace(trailing.Request with { Price = moved });
                Replaced(trailing, time);
            }
        }
        if (filled is not null && b.HasExits) CancelExits(b, time, $"linked exit {filled.ClientId} filled");
    }

    private void Execute(Book book, Order order, long time, double units, double price, in QuoteBarView bar, double rate)
    {
        var spec = book.Instrument;
        double slippage = !_options.ApplyCosts ? 0
            : _options.SlippagePips * spec.PipSize + (double.IsNaN(book.LastAtr) ? 0 : _options.SlippageAtrFraction * book.LastAtr);
        var (final, costs) = CostModel.Fill(spec, units, price, (bar.AskOpen - bar.BidOpen) / 2, slippage, rate, _options.ApplyCosts);
        order.Fill(units, final);
        if (!order.IsWorking) _byClientId.Remove(order.ClientId);
        Net(book, units, final);
        var fill = new Fill(order.Id, spec.Symbol, time, units, final, costs, order.Request.Reason);
        Events?.Invoke(new OrderFilled(order, time, fill));
        _sink?.OnFilled(order, fill);
    }

    // The account's net position and its average price (what the exits are measured from).
    private static void Net(Book b, double units, double price)
    {
        double after = b.Net + units;
        if (b.Net == 0 || after == 0 || (after > 0) != (b.Net > 0)) b.AveragePrice = after == 0 ? 0 : price; // opened, closed or reversed
        else if ((units > 0) == (b.Net > 0)) b.AveragePrice = (b.AveragePrice * b.Net + price * units) / after; // added to
        b.Net = after;
    }

    private void Close(Order order, long time, string reason)
    {
        order.Cancel(reason);
        _byClientId.Remove(order.ClientId);
        Events?.Invoke(new OrderCancelled(order, time, reason));
        _sink?.OnChanged(order);
    }

    private void Expire(Order order, long time, string reason)
    {
        order.Expire(reason);
        _byClientId.Remove(order.ClientId);
        Events?.Invoke(new OrderExpired(order, time, reason));
        _sink?.OnChanged(order);
    }

    // Subscribers (a live run's journal) hear of an event first, as event objects; then the sink.
    private void Accepted(Order order, long time)
    {
        Events?.Invoke(new OrderAccepted(order, time));
        _sink?.OnAccepted(order);
    }

    private void Replaced(Order order, long time)
    {
        Events?.Invoke(new OrderReplaced(order, time));
        _sink?.OnChanged(order);
    }
}
