using AlgoTrading.Models;
using AlgoTrading.Workflows;

namespace AlgoTrading.Tests.Unit.Models;

/// <summary><c>models explain</c> row choice: by time, by bar index, by range, the last N; and the one-line refusals.</summary>
public sealed class ModelExplainRowsTests
{
    private static readonly DateTime Start = new(2024, 1, 2, 8, 0, 0, DateTimeKind.Utc);

    /// <summary>10 hourly bars from 08:00 whose first 2 warm the features up: matrix row r is bar r + 2 (10:00 + r h).</summary>
    private static ModelMatrix Matrix()
    {
        var time = Enumerable.Range(2, 8).Select(b => Start.AddHours(b).Ticks).ToArray();
        return new ModelMatrix(new float[8], time, ["x"], warmUpRowsDropped: 2);
    }

    private static int[] Select(string? rows = null, string? index = null, string? from = null, string? to = null) =>
        ExplainRows.Parse(rows, index, from, to).Select(Matrix(), "bars.csv");

    [Fact]
    public void Rows_are_chosen_by_time_index_range_or_count()
    {
        Assert.Equal([1, 4], Select(rows: "2024-01-02T14:00,2024-01-02T11:00"));       // sorted, bars 3 and 6
        Assert.Equal([0], Select(rows: "2024-01-02 10:00Z"));
        Assert.Equal([1, 5], Select(index: "7,3,3"));                                  // bar 7 is row 5; repeats once
        Assert.Equal([2, 3, 4], Select(from: "2024-01-02T12:00", to: "2024-01-02T14:00"));
        Assert.Equal([6, 7], Select(from: "2024-01-02T16:00"));
        Assert.Equal([0, 1], Select(to: "2024-01-02T11:30"));
        Assert.Equal([5, 6, 7], Select(rows: "3"));
        Assert.Equal([3, 4, 5, 6, 7], Select());                                       // default: the last 5
        Assert.Equal(Enumerable.Range(0, 8), Select(rows: "50"));
    }

    [Theory]
    [InlineData("2024-01-02T10:30", null, "no bar starts at 2024-01-02T10:30")]
    [InlineData("2024-01-02T09:00", null, "before the first complete row (2024-01-02T10:00; the first 2 bars warm the features up)")]
    [InlineData(null, "1", "bar index 1 is in the features' warm-up (the first complete row is index 2")]
    [InlineData(null, "10", "bar index 10 is past the last bar (10 bars, indices 0-9)")]
    public void Rows_that_are_not_complete_rows_are_refused_in_one_line(string? rows, string? index, string expected)
    {
        var e = Assert.Throws<ModelInputException>(() => Select(rows, index));
        Assert.Contains(expected, e.Message);
        Assert.StartsWith("bars.csv: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("3", "4", null, "choose rows one way")]
    [InlineData("yesterday", null, null, "--rows yesterday: expected a UTC time")]
    [InlineData("0", null, null, "--rows 0: expected a positive count")]
    [InlineData(null, "-1", null, "--index -1: expected a bar index")]
    [InlineData(null, null, "2024-13-01", "--from 2024-13-01: expected a UTC time")]
    public void Malformed_choices_are_usage_errors(string? rows, string? index, string? from, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => ExplainRows.Parse(rows, index, from, null));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void An_empty_range_names_the_complete_rows()
    {
        var e = Assert.Throws<ModelInputException>(() => Select(from: "2025-01-01"));
        Assert.Contains("no complete row between 2025-01-01T00:00 and the end (complete rows 2024-01-02T10:00 to 2024-01-02T17:00)", e.Message);
        Assert.Throws<ArgumentException>(() => ExplainRows.Parse(null, null, "2024-01-03", "2024-01-02"));
    }
}
