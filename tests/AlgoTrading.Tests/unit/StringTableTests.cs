using AlgoTrading.Domain;
using AlgoTrading.Execution.Accounting;

namespace AlgoTrading.Tests.Unit;

/// <summary>
/// The string codes behind the reference-free rows of a run's trades and orders: equal text gets one
/// code whichever instance carries it, null is -1, and the trade log reads back every field it was given.
/// </summary>
public class StringTableTests
{
    [Fact]
    public void Equal_text_gets_one_code_whether_or_not_it_is_among_the_recently_seen()
    {
        var table = new StringTable();
        Assert.Equal(0, table.Code("EUR_USD"));
        string first = "exit:stop_loss";
        int code = table.Code(first);
        Assert.Equal(1, code); // not 0, which a cache that kept no codes would also answer
        Assert.Equal(code, table.Code(first));
        // Another instance of the same text (not found by reference) and, after more than the eight
        // recent strings have passed, the first instance again: the same code both times.
        Assert.Equal(code, table.Code(new string("exit:stop_loss".AsSpan())));
        var others = Enumerable.Range(0, 20).Select(i => table.Code($"reason {i}")).ToArray();
        Assert.Equal(20, others.Distinct().Count());
        Assert.DoesNotContain(code, others);
        Assert.Equal(code, table.Code(first));
        Assert.Equal(code, table.Code(first)); // seen again after the eviction: found among the recent ones now
        Assert.Equal(others[19], table.Code("reason 19"));
        Assert.Equal("exit:stop_loss", table[code]);
        Assert.Equal("reason 13", table[others[13]]);
        Assert.Equal(-1, table.Code(null));
        Assert.Null(table[-1]);
    }

    [Fact]
    public void The_trade_log_reads_back_every_field_of_every_trade()
    {
        var log = new TradeLog();
        var costs = new Costs(1.5, 0.25, 0.125, -0.0625);
        for (int i = 0; i < 1_200; i++) // three chunks
            log.Add(i % 2 == 0 ? "EUR_USD" : "USD_JPY", 1_000 + i, 1.1 + i, 2_000 + i, 1.2 + i, i % 3 == 0 ? -1_000 : 500, i * 0.5, costs.Scale(i + 1),
                $"entry {i % 7}", i % 5 == 0 ? "exit:stop_loss" : "sma-cross short");

        Assert.Equal(1_200, log.Count);
        var t = log[999];
        Assert.Equal(new TradeRecord("USD_JPY", new DateTime(1_999, DateTimeKind.Utc), 1.1 + 999, new DateTime(2_999, DateTimeKind.Utc), 1.2 + 999, -1_000, 499.5,
            costs.Scale(1_000), "entry 5", "sma-cross short"), t);
        Assert.Equal(DateTimeKind.Utc, t.EntryTime.Kind);
        Assert.Equal("exit:stop_loss", log[1_000].ExitReason);
        Assert.Equal(Enumerable.Range(0, 1_200).Select(i => log[i]), log.ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => log[1_200]);
    }
}
