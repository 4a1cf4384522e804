using System.Buffers.Text;

namespace AlgoTrading.Data.Loaders.Text;

/// <summary>
/// Parses decimal numbers from UTF-8 bytes. Plain decimals whose digits form an integer below 2^53
/// (every price in market files) take an exact fast path: one division of that integer by an
/// exactly representable power of ten rounds correctly, so the result is
/// the same double <see cref="double.Parse(string)"/> gives. Everything else (exponents, long
/// mantissas, <c>NaN</c>) falls back to <see cref="Utf8Parser"/>.
/// </summary>
internal static class Utf8Number
{
    private static readonly double[] PowersOfTen =
        [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>
    /// Parses <paramref name="s"/>; an empty field yields <see cref="double.NaN"/> and true
    /// (a missing value is data for the validator to judge, not a syntax error).
    /// </summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> s, out double value)
    {
        if (s.IsEmpty) { value = double.NaN; return true; }
        if (TryParsePlainPrefix(s, out value, out int consumed) && consumed == s.Length) return true;
        return Fallback(s, out value);
    }

    /// <summary>
    /// Parses the plain decimal (<c>[+-]digits[.digits]</c>) that starts <paramref name="s"/> and
    /// reports how many bytes it used, so a caller scanning a delimited line can parse a field and
    /// find its end in one pass. False when <paramref name="s"/> does not start with such a number
    /// or its digits do not fit the exact fast path; the caller then isolates the field and uses
    /// <see cref="TryParseDouble"/>.
    /// </summary>
    public static bool TryParsePlainPrefix(ReadOnlySpan<byte> s, out double value, out int consumed)
    {
        int i = 0, n = s.Length;
        bool negative = n > 0 && s[0] == (byte)'-';
        if (negative || (n > 0 && s[0] == (byte)'+')) i = 1;
        int firstDigit = i;
        ulong mantissa = 0;
        while (i < n)
        {
            uint d = (uint)(s[i] - '0');
            if (d > 9) break;
            mantissa = mantissa * 10 + d;
            i++;
        }
        int integerDigits = i - firstDigit, fractionDigits = 0;
        if (i < n && s[i] == (byte)'.')
        {
            int fractionStart = ++i;
            while (i < n)
            {
                uint d = (uint)(s[i] - '0');
                if (d > 9) break;
                mantissa = mantissa * 10 + d;
                i++;
            }
            fractionDigits = i - fractionStart;
        }
        consumed = i;
        // Exact only when the digits fit a ulong without overflow and the mantissa is below 2^53
        // (Clinger's fast path); otherwise let the full parser decide.
        if (integerDigits + fractionDigits == 0 || integerDigits + fractionDigits > 19 || mantissa > (1UL << 53) || fractionDigits > 22)
        {
            value = 0;
            return false;
        }
        double result = fractionDigits == 0 ? mantissa : mantissa / PowersOfTen[fractionDigits];
        value = negative ? -result : result;
        return true;
    }

    private static bool Fallback(ReadOnlySpan<byte> s, out double value)
    {
        if (Utf8Parser.TryParse(s, out value, out int consumed) && consumed == s.Length) return true;
        if (s.SequenceEqual("NaN"u8) || s.SequenceEqual("nan"u8)) { value = double.NaN; return true; }
        value = 0;
        return false;
    }
}
