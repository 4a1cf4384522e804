using AlgoTrading.Execution.Orders;

namespace AlgoTrading.Tests.Unit;

/// <summary>The row stores behind backtest results: what goes in comes back out, past every growth step.</summary>
public class RunRecordTests
{
    [Fact]
    public void Trade_log_reads_back_every_field_across_its_chunks()
    {
        var log = new TradeLog();
        const int n = 9000; // rows live in chunks of 4,096: this crosses two chunk boundaries
        var start = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < n; i++)
            log.Add(i % 2 == 0 ? "EUR_USD" : "GBP_USD", start.AddMinutes(i).Ticks, 1 + i * 1e-4, start.AddMinutes(i + 1).Ticks, 1.5 + i * 1e-4,
                i % 3 == 0 ? -10_000 : 10_000, i - 0.5, new Costs(i, 2 * i, 3 * i, -i), i % 5 == 0 ? "entry" : "reverse", $"exit:{i % 4}");
        Assert.Equal(n, log.Count);
        var t = log[4321];
        Assert.Equal("GBP_USD", t.Instrument);
        Assert.Equal(start.AddMinutes(4321), t.EntryTime);
        Assert.Equal(DateTimeKind.Utc, t.ExitTime.Kind);
        Assert.Equal(start.AddMinutes(4322), t.ExitTime);
        Assert.Equal((1 + 4321 * 1e-4, 1.5 + 4321 * 1e-4), (t.EntryPrice, t.ExitPrice));
        Assert.Equal(10_000, t.Units);
        Assert.Equal(4320.5, t.GrossPnl);
        Assert.Equal(new Costs(4321, 8642, 12963, -4321), t.Costs);
        Assert.Equal(("reverse", "exit:1"), (t.EntryReason, t.ExitReason));
        Assert.Equal("entry", log[0].EntryReason);
        foreach (int i in new[] { 4095, 4096, 8191, 8192, n - 1 }) // either side of each chunk boundary
            Assert.Equal((start.AddMinutes(i), i - 0.5, new Costs(i, 2 * i, 3 * i, -i)), (log[i].EntryTime, log[i].GrossPnl, log[i].Costs));
        Assert.Equal(n, log.Count());
        Assert.Equal((n - 1) % 3 == 0 ? -10_000 : 10_000, log.Last().Units);
        Assert.Throws<ArgumentOutOfRangeException>(() => log[n]);
    }

    [Fact]
    public void Order_log_keeps_each_orders_request_and_final_status()
    {
        var log = new OrderLog();
        int market = log.Add(1, "EUR_USD", 20_000, OrderType.Market, 1.2345, "reverse", 100);
        int limit = log.Add(2, "EUR_USD", -10_000, OrderType.Limit, 1.25, "entry", 200);
        int refused = log.Add(3, "EUR_USD", 5_000, OrderType.Stop, 1.30, "entry", 300);
        Assert.True(log.IsPending(market));
        Assert.False(log.IsPending(-1)); // "no order yet"
        log.MarkFilled(market, 1.2346);
        log.Cancel(limit, "replaced by a new decision");
        log.Reject(refused, "max_open_positions: 1 open (limit 1)");
        Assert.Throws<InvalidOperationException>(() => log.Cancel(market, "too late"));

        var filled = log[0];
        Assert.Equal((1L, OrderStatus.Filled, 100L, 1.2346, 20_000.0), (filled.Id, filled.Status, filled.CreatedUtcTicks, filled.AverageFillPrice, filled.FilledUnits));
        Assert.Null(filled.Request.Price); // market orders carry no price, whatever the decision held
        Assert.Equal(("EUR_USD", 20_000.0, "reverse"), (filled.Request.Instrument, filled.Request.Units, filled.Request.Reason));
        Assert.Equal((OrderStatus.Cancelled, "replaced by a new decision", 1.25), (log[1].Status, log[1].StatusReason, log[1].Request.Price));
        Assert.Equal((OrderStatus.Rejected, OrderType.Stop), (log[2].Status, log[2].Request.Type));
        Assert.StartsWith("max_open_positions", log[2].StatusReason);
    }

    [Fact]
    public void Row_store_memory_goes_back_to_the_pool_and_serves_the_next_store()
    {
        var first = new RowStore<long>();
        for (int i = 0; i < 9000; i++) first.Append() = i + 1;
        first.Release(); // what a log's finaliser does
        Assert.Equal(0, first.Count);
        var second = new RowStore<long>(); // rents the chunks just returned: they still hold the first store's rows
        // A chunk's first row, before it is written: fresh memory would read 0; a reused chunk holds
        // the first row of one of the first store's three chunks.
        long unwritten = second.Append();
        Assert.Contains(unwritten, new long[] { 1, 4097, 8193 });
        second[0] = 0;
        for (int i = 1; i < 9000; i++) second.Append() = -i;
        Assert.Equal(9000, second.Count);
        foreach (int i in new[] { 0, 4095, 4096, 8191, 8192, 8999 }) Assert.Equal(-i, second[i]);
    }

    [Fact]
    public void Order_log_grows_and_numbers_many_distinct_reasons()
    {
        // More distinct strings than the table scans by reference, so lookups by value are exercised too.
        var log = new OrderLog();
        for (int i = 0; i < 5000; i++) Assert.Equal(i, log.Add(i + 1, $"SYM{i % 40}", i, OrderType.Market, double.NaN, $"reason {i % 50}", i));
        Assert.Equal(5000, log.Count);
        Assert.Equal(("SYM39", "reason 49", 2999.0), (log[2999].Request.Instrument, log[2999].Request.Reason, log[2999].Request.Units));
        Assert.Equal((4097L, 4096.0), (log[4096].Id, log[4096].Request.Units)); // first row of the second chunk
        Assert.Equal(("SYM0", "reason 0"), (log[2000].Request.Instrument, log[2000].Request.Reason));
    }

    [Theory]
    [InlineData(10)]                 // a plain array
    [InlineData(3_000_000)]          // 24 MB: pinned and advised for huge pages on Linux
    public void Column_allocator_gives_exact_lengths_and_growth_keeps_the_prefix(int length)
    {
        var column = ColumnAllocator.Allocate<double>(length);
        Assert.Equal(length, column.Length);
        for (int i = 0; i < length; i++) column[i] = i * 0.5;
        ColumnAllocator.Grow(ref column, length, length * 2);
        Assert.Equal(2 * length, column.Length);
        for (int i = 0; i < length; i += Math.Max(1, length / 1000)) Assert.Equal(i * 0.5, column[i]);
        Assert.Equal((length - 1) * 0.5, column[length - 1]);
    }
}
