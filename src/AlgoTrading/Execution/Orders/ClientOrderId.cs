using System.Security.Cryptography;
using System.Text;

namespace AlgoTrading.Execution.Orders;

/// <summary>
/// The deterministic identity of an order, derived from what decided it: the strategy, the
/// instrument, the decision time (UTC ticks, the close of the bar the decision was made on) and a
/// sequence number within that decision. The same decision always yields the same id, in a backtest,
/// after a restart of a live runner, or on a retry after a lost response, so a broker that receives
/// it twice can recognise the duplicate: it is the idempotency key sent as OANDA's
/// <c>clientExtensions.id</c>.
/// </summary>
/// <remarks>
/// <see cref="Value"/> is <c>at-</c> followed by 20 lower-case hex digits of the SHA-256 of the
/// components: short, free of characters brokers reject, and not guessable from the strategy name.
/// It is computed when asked for (a broker, a journal, a log), not when the id is made: a backtest
/// creates tens of thousands of orders and never needs it. Two ids are equal when their components are.
/// </remarks>
public readonly record struct ClientOrderId
{
    private ClientOrderId(string strategy, string instrument, long decisionUtcTicks, int sequence)
        => (Strategy, Instrument, DecisionUtcTicks, Sequence) = (strategy, instrument, decisionUtcTicks, sequence);

    /// <summary>The id as sent to a broker (23 characters).</summary>
    public string Value
    {
        get
        {
            var key = Encoding.UTF8.GetBytes($"{Strategy}\n{Instrument}\n{DecisionUtcTicks}\n{Sequence}");
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(key, hash);
            return "at-" + Convert.ToHexStringLower(hash[..10]);
        }
    }
    /// <summary>The strategy that decided the order.</summary>
    public string Strategy { get; }
    /// <summary>The instrument, e.g. <c>EUR_USD</c>.</summary>
    public string Instrument { get; }
    /// <summary>When the decision was made, UTC ticks.</summary>
    public long DecisionUtcTicks { get; }
    /// <summary>The order's number within its decision (0 for the first).</summary>
    public int Sequence { get; }

    /// <summary>The id of the <paramref name="sequence"/>-th order of a decision.</summary>
    public static ClientOrderId For(string strategy, string instrument, long decisionUtcTicks, int sequence)
    {
        ArgumentException.ThrowIfNullOrEmpty(strategy);
        ArgumentException.ThrowIfNullOrEmpty(instrument);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        // A control character (the key's separator among them) would let two different decisions share an id.
        if (HasControlCharacter(strategy) || HasControlCharacter(instrument))
            throw new ArgumentException($"a client order id cannot be made from a name with control characters: strategy {strategy.ReplaceLineEndings(" ")}, instrument {instrument.ReplaceLineEndings(" ")}");
        return new(strategy, instrument, decisionUtcTicks, sequence);
    }

    /// <summary>
    /// The id of a decision whose names <see cref="For"/> has already accepted: a trading core checks each
    /// instrument's strategy and symbol once, when it is made, rather than scanning them on every order.
    /// </summary>
    internal static ClientOrderId OfCheckedNames(string strategy, string instrument, long decisionUtcTicks, int sequence) => new(strategy, instrument, decisionUtcTicks, sequence);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Equal when the components are (names compared ordinally).</summary>
    public bool Equals(ClientOrderId other) => DecisionUtcTicks == other.DecisionUtcTicks && Sequence == other.Sequence
        && string.Equals(Strategy, other.Strategy, StringComparison.Ordinal) && string.Equals(Instrument, other.Instrument, StringComparison.Ordinal);

    // Every order is looked up by its id (submitted, filled, cancelled): hashing the decision time,
    // sequence and the names' lengths is enough to spread the ids of a run, without hashing the
    // names' characters on every lookup.
    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DecisionUtcTicks, Sequence, Strategy?.Length ?? 0, Instrument?.Length ?? 0);

    // A plain loop: MemoryExtensions.ContainsAnyInRange boxed every character here (once per order).
    private static bool HasControlCharacter(string name)
    {
        foreach (char c in name) if (c < ' ') return true;
        return false;
    }
}
