namespace AlgoTrading.Domain;

/// <summary>
/// Strings as small integer codes, so that logs of a run (trades, orders) can keep their rows free
/// of references: a row with a reference is copied into its array through the runtime's bulk write
/// barrier (a native call per row), a row of numbers by a plain copy. Code -1 is null.
/// </summary>
/// <remarks>Not thread-safe, like the logs that own one.</remarks>
internal sealed class StringTable
{
    // Logs repeat a handful of symbols and reasons, nearly always the very same string instances: a
    // reference scan of the last few seen finds them without hashing their text.
    private const int Recent = 8;
    private readonly string?[] _recent = new string?[Recent];
    private readonly int[] _recentCodes = new int[Recent];
    private int _nextRecent;
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly List<string> _strings = [];

    /// <summary>The code of <paramref name="value"/> (-1 for null), assigning the next one on first sight.</summary>
    public int Code(string? value)
    {
        if (value is null) return -1;
        var recent = _recent;
        for (int i = 0; i < recent.Length; i++)
            if (ReferenceEquals(recent[i], value)) return _recentCodes[i];
        if (!_codes.TryGetValue(value, out int code))
        {
            code = _strings.Count;
            _strings.Add(value);
            _codes.Add(value, code);
        }
        (recent[_nextRecent], _recentCodes[_nextRecent]) = (value, code);
        _nextRecent = (_nextRecent + 1) % Recent;
        return code;
    }

    /// <summary>The string with <paramref name="code"/> (null for -1).</summary>
    public string? this[int code] => code < 0 ? null : _strings[code];
}
