using AlgoTrading.Live.Journal;
using AlgoTrading.Tests.Support;

namespace AlgoTrading.Tests.Unit;

public class LiveJournalTests
{
    private static readonly DateTime T0 = new(2024, 5, 6, 14, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void An_intent_is_recorded_once_and_survives_a_restart_as_unconfirmed()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "state", "journal.db");
        using (var journal = LiveJournal.Open(path))
        {
            Assert.True(journal.TryRecordIntent(T0, "at-0000000000000000000a", "EUR_USD", 1000, "market", """{"reason":"entry"}"""));
            Assert.True(journal.TryRecordIntent(T0.AddMinutes(1), "at-0000000000000000000b", "EUR_USD", -1000, "market", "{}"));
            journal.SetState(T0.AddMinutes(1), "at-0000000000000000000b", JournalOrderState.Sent);
            journal.Set("last_transaction_id", "6410");
            // The process dies here: no answer was recorded for either order.
        }

        using (var journal = LiveJournal.Open(path))
        {
            Assert.Equal(["at-0000000000000000000a", "at-0000000000000000000b"], journal.Unconfirmed().Select(o => o.ClientOrderId));
            Assert.Equal([JournalOrderState.Intended, JournalOrderState.Sent], journal.Unconfirmed().Select(o => o.State));
            Assert.Equal("6410", journal.Get("last_transaction_id"));

            // The same decision after the restart yields the same client id: the journal refuses it.
            Assert.False(journal.TryRecordIntent(T0.AddMinutes(2), "at-0000000000000000000a", "EUR_USD", 1000, "market", "{}"));
            Assert.Single(journal.Events("intent"), e => e.ClientOrderId == "at-0000000000000000000a");

            journal.SetState(T0.AddMinutes(2), "at-0000000000000000000a", JournalOrderState.Filled, brokerOrderId: "6411", reason: "ORDER_FILL");
            var a = journal.Order("at-0000000000000000000a")!;
            Assert.Equal((JournalOrderState.Filled, "6411", 1000.0, T0, T0.AddMinutes(2)), (a.State, a.BrokerOrderId, a.Units, a.CreatedUtc, a.UpdatedUtc));
            Assert.Equal(["at-0000000000000000000b"], journal.Unconfirmed().Select(o => o.ClientOrderId));
        }
    }

    [Fact]
    public void Events_come_back_in_the_order_written_and_unknown_orders_are_named()
    {
        using var dir = new TempDirectory();
        using var journal = LiveJournal.Open(Path.Combine(dir.Path, "journal.db"));
        long s1 = journal.Append(T0, "start", """{"strategy":"sma-cross"}""");
        long s2 = journal.Append(T0.AddSeconds(1), "decision", """{"target":1000}""", "EUR_USD");
        long s3 = journal.Append(T0.AddSeconds(2), "error", """{"message":"timeout"}""", "EUR_USD", "at-1");
        Assert.True(s1 < s2 && s2 < s3);
        Assert.Equal(["start", "decision", "error"], journal.Events().Select(e => e.Kind));
        Assert.Equal(T0.AddSeconds(1), journal.Events("decision")[0].TimeUtc);
        Assert.Equal("at-1", journal.Events("error")[0].ClientOrderId);

        var e = Assert.Throws<InvalidOperationException>(() => journal.SetState(T0, "at-missing", JournalOrderState.Cancelled));
        Assert.Contains("at-missing", e.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_journal_is_named_and_left_closed()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "journal.db");
        File.WriteAllText(path, "this is a CSV file, not SQLite\n1,2,3\n");
        var e = Assert.Throws<IOException>(() => LiveJournal.Open(path));
        Assert.StartsWith(path + ": cannot open the live journal", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        // Nothing in this process holds the file open after the failure.
        if (OperatingSystem.IsLinux())
            Assert.DoesNotContain(Path.GetFullPath(path), Directory.GetFiles("/proc/self/fd").Select(fd => new FileInfo(fd).LinkTarget));
    }

    [Fact]
    public void A_local_time_is_refused_rather_than_relabelled_as_utc()
    {
        using var dir = new TempDirectory();
        using var journal = LiveJournal.Open(Path.Combine(dir.Path, "journal.db"));
        var local = new DateTime(2024, 5, 6, 16, 30, 0, DateTimeKind.Local);
        Assert.Throws<ArgumentException>(() => journal.Append(local, "start", "{}"));
        Assert.Throws<ArgumentException>(() => journal.TryRecordIntent(local, "at-1", "EUR_USD", 1000, "market", "{}"));
        Assert.Empty(journal.Events());
        Assert.Empty(journal.AllOrders());
    }
}
