using System.Globalization;
using System.Text.Json.Nodes;

namespace AlgoTrading.Brokers.Testing;

/// <summary>
/// The fake account: one append-only transaction log and the state derived from it. Every change
/// is a transaction appended by <see cref="Record"/>, which also applies it (orders, trades,
/// balance), so <c>sinceid</c>, the transaction stream and the state always agree. The matching
/// engine decides which transactions to append: market fills at the touch, limit and stop orders and
/// the stop-loss, take-profit and trailing stops attached to trades when the quotes cross them.
/// Not thread-safe: <see cref="FakeOandaServer"/> serialises access through <see cref="Gate"/>.
/// </summary>
public sealed partial class FakeAccount
{
    private readonly List<JsonObject> _log = [];
    private readonly Dictionary<string, FakeInstrument> _instruments;
    private readonly PriceFeed _prices;
    private readonly List<Order> _orders = [];
    private readonly List<Trade> _trades = [];

    /// <summary>Creates an account holding <paramref name="balance"/> USD.</summary>
    public FakeAccount(string id, IReadOnlyList<FakeInstrument> instruments, PriceFeed prices, decimal balance)
    {
        Id = id;
        _instruments = instruments.ToDictionary(i => i.Name, StringComparer.Ordinal);
        _prices = prices;
        Record(new JsonObject { ["type"] = "CREATE", ["homeCurrency"] = "USD" });
        Record(new JsonObject { ["type"] = "TRANSFER_FUNDS", ["amount"] = Money(balance), ["reason"] = "ACCOUNT_TRANSFER" });
    }

    /// <summary>The lock every caller holds while using the account.</summary>
    public object Gate { get; } = new();
    /// <summary>The account id.</summary>
    public string Id { get; }
    /// <summary>Cash balance in USD.</summary>
    public decimal Balance { get; private set; }
    /// <summary>The newest transaction id.</summary>
    public long LastTransactionId => _log.Count;
    /// <summary>The instruments.</summary>
    public IReadOnlyCollection<FakeInstrument> Instruments => _instruments.Values;
    /// <summary>The log (do not modify).</summary>
    public IReadOnlyList<JsonObject> Transactions => _log;
    /// <summary>Raised after each appended transaction.</summary>
    public event Action? Changed;

    /// <summary>Net units per instrument with an open position.</summary>
    public IReadOnlyDictionary<string, decimal> NetPositions() =>
        _trades.Where(t => t.CurrentUnits != 0).GroupBy(t => t.Instrument).ToDictionary(g => g.Key, g => g.Sum(t => t.CurrentUnits));

    // ---- the log ----

    /// <summary>Appends <paramref name="tx"/> (id and time assigned here) and applies it.</summary>
    public JsonObject Record(JsonObject tx)
    {
        long id = _log.Count + 1;
        var ordered = new JsonObject { ["id"] = TxId(id), ["time"] = Now(), ["accountID"] = Id, ["batchID"] = TxId(id) };
        foreach (var (key, value) in tx.ToList()) { tx.Remove(key); ordered[key] = value; }
        _log.Add(ordered);
        Apply(ordered);
        Changed?.Invoke();
        return ordered;
    }

    private void Apply(JsonObject tx)
    {
        string type = (string)tx["type"]!;
        switch (type)
        {
            case "TRANSFER_FUNDS":
                Balance += Dec(tx["amount"]);
                break;
            case "MARKET_ORDER" or "LIMIT_ORDER" or "STOP_ORDER" or "STOP_LOSS_ORDER" or "TAKE_PROFIT_ORDER" or "TRAILING_STOP_LOSS_ORDER":
                var order = new Order((string)tx["id"]!, type[..^6], (string?)tx["instrument"], tx["units"] is { } u ? Dec(u) : 0,
                    tx["price"] is { } p ? Dec(p) : null, tx["priceBound"] is { } b ? Dec(b) : null, tx["distance"] is { } d ? Dec(d) : null,
                    (string?)tx["timeInForce"] ?? "GTC", (string?)tx["clientExtensions"]?["id"], (string?)tx["tradeID"], (string)tx["time"]!)
                { OnFill = tx };
                if (order.TradeId is { } tradeId && FindTrade(tradeId) is { } trade)
                {
                    if (order.Type == "STOP_LOSS") trade.StopLossId = order.Id;
                    if (order.Type == "TAKE_PROFIT") trade.TakeProfitId = order.Id;
                    if (order.Type == "TRAILING_STOP_LOSS") { trade.TrailingStopId = order.Id; order.TrailingTrigger = TrailingTrigger(trade, order.Distance!.Value, null); }
                }
                _orders.Add(order);
                break;
            case "ORDER_FILL":
                var filled = FindOrder((string)tx["orderID"]!)!;
                filled.State = "FILLED";
                filled.FillingTransactionId = (string)tx["id"]!;
                foreach (var closed in tx["tradesClosed"]?.AsArray() ?? [])
                    FindTrade((string)closed!["tradeID"]!)!.CurrentUnits = 0;
                if (tx["tradeReduced"] is { } reduced)
                    FindTrade((string)reduced["tradeID"]!)!.CurrentUnits += Dec(reduced["units"]);
                if (tx["tradeOpened"] is { } opened)
                {
                    filled.TradeOpenedId = (string)opened["tradeID"]!;
                    _trades.Add(new Trade((string)opened["tradeID"]!, (string)tx["instrument"]!, Dec(opened["units"]), Dec(tx["price"]), (string)tx["time"]!, filled.ClientId));
                }
                Balance += Dec(tx["pl"]);
                break;
            case "ORDER_CANCEL":
                var cancelled = FindOrder((string)tx["orderID"]!)!;
                cancelled.State = "CANCELLED";
                cancelled.CancellingTransactionId = (string)tx["id"]!;
                break;
        }
    }

    private static JsonObject Copy(JsonObject o) => (JsonObject)o.DeepClone();
    private static int Scale(string number) => number.IndexOf('.') is var dot and >= 0 ? number.Length - dot - 1 : 0;
    private static decimal Dec(JsonNode? node) => decimal.Parse((string)node!, NumberStyles.Float, CultureInfo.InvariantCulture);
    private static string Money(decimal value) => Math.Round(value, 4).ToString("F4", CultureInfo.InvariantCulture);
    private static string Units(decimal value) => value.ToString("F0", CultureInfo.InvariantCulture);
    private static string Price(decimal value, FakeInstrument i) => Math.Round(value, i.DisplayPrecision).ToString("F" + i.DisplayPrecision, CultureInfo.InvariantCulture);
    private static string TxId(long id) => id.ToString(CultureInfo.InvariantCulture);
    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z";

    private sealed class Order(string id, string type, string? instrument, decimal units, decimal? price, decimal? priceBound, decimal? distance,
        string timeInForce, string? clientId, string? tradeId, string createTime)
    {
        public string Id { get; } = id;
        public string Type { get; } = type;
        public string? Instrument { get; } = instrument;
        public decimal Units { get; } = units;
        public decimal? Price { get; } = price;
        public decimal? PriceBound { get; } = priceBound;
        public decimal? Distance { get; } = distance;
        public string TimeInForce { get; } = timeInForce;
        public string? ClientId { get; } = clientId;
        public string? TradeId { get; } = tradeId;
        public string CreateTime { get; } = createTime;
        public required JsonObject OnFill { get; init; }
        public string State { get; set; } = "PENDING";
        public string? FillingTransactionId { get; set; }
        public string? CancellingTransactionId { get; set; }
        public string? TradeOpenedId { get; set; }
        public decimal? TrailingTrigger { get; set; }
    }

    private sealed class Trade(string id, string instrument, decimal units, decimal price, string openTime, string? clientOrderId)
    {
        public string Id { get; } = id;
        public string Instrument { get; } = instrument;
        public decimal InitialUnits { get; } = units;
        public decimal CurrentUnits { get; set; } = units;
        public decimal Price { get; } = price;
        public string OpenTime { get; } = openTime;
        public string? ClientOrderId { get; } = clientOrderId;
        public string? StopLossId { get; set; }
        public string? TakeProfitId { get; set; }
        public string? TrailingStopId { get; set; }
    }
}
