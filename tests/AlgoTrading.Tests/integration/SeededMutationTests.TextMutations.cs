using System.Globalization;
using AlgoTrading.Data.Processors;

namespace AlgoTrading.Tests.Integration;

// The mutations of the text formats: one corruption (or benign change) of a sample's records, with what it
// must produce, an error at a line and field, or the records repaired by hand under a policy.
public sealed partial class SeededMutationTests
{
    private static (string Text, Expectation? Expected)? Mutate(Sample s, Kind kind, Random random)
    {
        var records = s.Records.Select(r => (string[])r.Clone()).ToList();
        int n = records.Count, k = random.Next(n);
        List<string[]> Without(int row) => [.. s.Records.Where((_, i) => i != row)];
        (string, Expectation) Error(int index, string? field, string issue, List<string[]> repaired, ValidationPolicy policy) =>
            (s.Text(records), new Expectation(s.LineOf(index), field, issue, repaired, policy, FormatError: false));
        (string, Expectation) FormatError(int index, string? field) =>
            (s.Text(records), new Expectation(s.LineOf(index), field, null, [], ValidationPolicy.Fail, FormatError: true));
        string PriceField(out int column) { column = s.PriceFields[random.Next(s.PriceFields.Length)]; return s.FieldNames[column]; }
        string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        double Value(int row, int column) => double.Parse(s.Records[row][column], CultureInfo.InvariantCulture);

        switch (kind)
        {
            case Kind.SwapRows:
                k = random.Next(n - 1);
                (records[k], records[k + 1]) = (records[k + 1], records[k]);
                return Error(k + 1, "time", "out_of_order", s.Records, ValidationPolicy.Repair);
            case Kind.DuplicateRow:
                records.Insert(k + 1, (string[])records[k].Clone());
                return Error(k + 1, "time", "duplicate_timestamp", s.Records, ValidationPolicy.Repair);
            case Kind.MoveRowLater:
            {
                k = random.Next(n - 10);
                int j = k + 2 + random.Next(8);
                var row = records[k];
                records.RemoveAt(k);
                records.Insert(j, row);
                return Error(j, "time", "out_of_order", s.Records, ValidationPolicy.Repair);
            }
            case Kind.MoveRowEarlier:
            {
                k = 10 + random.Next(n - 10);
                int j = k - 2 - random.Next(8);
                var row = records[k];
                records.RemoveAt(k);
                records.Insert(j, row);
                return Error(j + 1, "time", "out_of_order", s.Records, ValidationPolicy.Repair);
            }
            case Kind.NaNPrice or Kind.EmptyPrice or Kind.InfinitePrice or Kind.ZeroPrice or Kind.NegativePrice or Kind.TinyPrice or Kind.HugePrice:
            {
                var field = PriceField(out int c);
                (records[k][c], string issue) = kind switch
                {
                    Kind.NaNPrice => ("NaN", "missing_value"),
                    Kind.EmptyPrice => ("", "missing_value"),
                    Kind.InfinitePrice => ("Infinity", "non_finite_price"),
                    Kind.ZeroPrice => ("0", "non_positive_price"),
                    Kind.NegativePrice => (Number(-Value(k, c)), "non_positive_price"),
                    Kind.TinyPrice => ("1e-308", "implausible_price"),
                    _ => ("1e30", "implausible_price"),
                };
                return Error(k, field, issue, Without(k), ValidationPolicy.Drop);
            }
            case Kind.HighBelowLow:
            {
                if (s.Ohlc.Length == 0) return null;
                var side = s.Ohlc[random.Next(s.Ohlc.Length)];
                if (records[k][side[1]] == records[k][side[2]]) return null;
                (records[k][side[1]], records[k][side[2]]) = (records[k][side[2]], records[k][side[1]]);
                return Error(k, s.FieldNames[side[1]], "high_below_low", s.Records, ValidationPolicy.Repair);
            }
            case Kind.OpenOutsideRange:
            {
                if (s.Ohlc.Length == 0) return null;
                var side = s.Ohlc[random.Next(s.Ohlc.Length)];
                records[k][side[0]] = Number(Value(k, side[1]) * 1.02);
                return Error(k, s.FieldNames[side[0]], "open_outside_range", Without(k), ValidationPolicy.Drop);
            }
            case Kind.BadVolume:
            {
                if (s.Volume < 0) return null;
                records[k][s.Volume] = new[] { "NaN", "-5", "-0.5" }[random.Next(3)];
                return Error(k, "volume", "bad_volume", Without(k), ValidationPolicy.Drop);
            }
            case Kind.TruncatedLine:
                records[k] = records[k][..(1 + random.Next(records[k].Length - 1))];
                return FormatError(k, null);
            case Kind.BadTimestamp:
            {
                int c = s.TimeFields[random.Next(s.TimeFields.Length)];
                records[k][c] = new[] { "2014-13-45 25:61:00", "yesterday", "", "20140501", "2014.02.30", "99:99" }[random.Next(6)];
                return FormatError(k, s.FieldNames[c]);
            }
            case Kind.ExtraField:
            {
                var list = records[k].ToList();
                list.Insert(1 + random.Next(list.Count), list[1 + random.Next(list.Count - 1)]);
                records[k] = [.. list];
                return FormatError(k, null);
            }
            case Kind.MissingField:
            {
                var list = records[k].ToList();
                list.RemoveAt(1 + random.Next(list.Count - 1));
                records[k] = [.. list];
                return FormatError(k, null);
            }
            case Kind.CrLf:
                return (s.Text(records, "\r\n"), null);
            case Kind.ByteOrderMark:
                return ("\uFEFF" + s.Text(records), null);
            default:
                return null;
        }
    }
}
