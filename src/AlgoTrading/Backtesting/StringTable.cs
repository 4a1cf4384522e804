namespace AlgoTrading.Backtesting;

/// <summary>
/// Numbers the distinct strings of a run's logs (instruments, reasons) so their rows hold an int
/// instead of a reference: rows without references stay out of the garbage collector's way and
/// can live in <see cref="Domain.ColumnAllocator"/> memory.
/// </summary>
internal sealed class StringTable
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly List<string> _strings = [];
    /// <summary>The code of <paramref name="value"/>, assigning the next one on first sight.</summary>
    public int Code(string value)
    {
        // Logs repeat a handful of symbols and reasons, usually the very same string instances:
        // a reference scan of a short table beats hashing the text.
        var strings = _strings;
        for (int i = 0; i < strings.Count && i < 16; i++)
            if (ReferenceEquals(strings[i], value)) return i;
        if (!_codes.TryGetValue(value, out int code))
        {
            code = strings.Count;
            strings.Add(value);
            _codes.Add(value, code);
        }
        return code;
    }

    /// <summary>The string with <paramref name="code"/>.</summary>
    public string this[int code] => _strings[code];
}
