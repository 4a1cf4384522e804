using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AlgoTrading.Live.Journal;

/// <summary>
/// The live runner's memory, one SQLite file in the state folder. Every event is appended before the
/// runner acts on it (an intent is written before it is sent), each write is its own durable
/// transaction (WAL, <c>synchronous=FULL</c>), so a crash at any point loses nothing that was
/// decided. The <c>orders</c> table is keyed by the deterministic client order id: recording the
/// same intent twice is refused by the database itself, which makes a duplicate order impossible
/// by construction. Small values that must survive restarts (last broker transaction id, risk state)
/// live in a key-value table.
/// </summary>
/// <remarks>Not thread-safe: one runner loop owns it.</remarks>
public sealed class LiveJournal : IDisposable
{
    private readonly SqliteConnection _db;

    private LiveJournal(SqliteConnection db, string path) => (_db, Path) = (db, path);

    /// <summary>The journal file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the journal at <paramref name="path"/>.</summary>
    /// <exception cref="IOException">The file exists but is not a journal (not SQLite, or locked); the message names it.</exception>
    public static LiveJournal Open(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        try
        {
            db.Open();
            Execute(db, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = FULL;
            CREATE TABLE IF NOT EXISTS events (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                time_utc TEXT NOT NULL,
                kind TEXT NOT NULL,
                instrument TEXT,
                client_order_id TEXT,
                payload TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS events_client_order_id ON events(client_order_id);
            CREATE TABLE IF NOT EXISTS orders (
                client_order_id TEXT PRIMARY KEY,
                instrument TEXT NOT NULL,
                units REAL NOT NULL,
                order_type TEXT NOT NULL,
                state TEXT NOT NULL,
                broker_order_id TEXT,
                reason TEXT,
                created_utc TEXT NOT NULL,
                updated_utc TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """);
        }
        catch (SqliteException e)
        {
            db.Dispose(); // the file must not stay open behind a failed start
            throw new IOException($"{path}: cannot open the live journal ({e.Message})", e);
        }
        return new LiveJournal(db, path);
    }

    /// <summary>Appends an event; returns its sequence number.</summary>
    public long Append(DateTime timeUtc, string kind, string payloadJson, string? instrument = null, string? clientOrderId = null)
    {
        using var cmd = Command("INSERT INTO events(time_utc, kind, instrument, client_order_id, payload) VALUES ($t, $k, $i, $c, $p) RETURNING seq",
            ("$t", Iso(timeUtc)), ("$k", kind), ("$i", instrument), ("$c", clientOrderId), ("$p", payloadJson));
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>
    /// Records the intent to send an order, with its event, in one transaction, before anything is sent.
    /// Returns false, writing nothing, when an order with this client id is already journaled: the
    /// caller must then not send it again (it looks the order up instead).
    /// </summary>
    public bool TryRecordIntent(DateTime timeUtc, string clientOrderId, string instrument, double units, string orderType, string payloadJson,
        JournalOrderState state = JournalOrderState.Intended)
    {
        using var tx = _db.BeginTransaction();
        using (var insert = Command("INSERT OR IGNORE INTO orders(client_order_id, instrument, units, order_type, state, created_utc, updated_utc) VALUES ($c, $i, $u, $o, $s, $t, $t)",
                   ("$c", clientOrderId), ("$i", instrument), ("$u", units), ("$o", orderType), ("$s", state.ToString()), ("$t", Iso(timeUtc))))
        {
            insert.Transaction = tx;
            if (insert.ExecuteNonQuery() == 0) { tx.Rollback(); return false; }
        }
        using (var ev = Command("INSERT INTO events(time_utc, kind, instrument, client_order_id, payload) VALUES ($t, 'intent', $i, $c, $p)",
                   ("$t", Iso(timeUtc)), ("$i", instrument), ("$c", clientOrderId), ("$p", payloadJson)))
        {
            ev.Transaction = tx;
            ev.ExecuteNonQuery();
        }
        tx.Commit();
        return true;
    }

    /// <summary>
    /// Appends an event and sets state values in one durable transaction (one disk flush instead of one
    /// per write): what a runner records after each bar.
    /// </summary>
    public void Checkpoint(DateTime timeUtc, string kind, string payloadJson, params ReadOnlySpan<(string Key, string Value)> values)
    {
        using var tx = _db.BeginTransaction();
        using (var ev = Command("INSERT INTO events(time_utc, kind, payload) VALUES ($t, $k, $p)", ("$t", Iso(timeUtc)), ("$k", kind), ("$p", payloadJson)))
        {
            ev.Transaction = tx;
            ev.ExecuteNonQuery();
        }
        foreach (var (key, value) in values)
        {
            using var set = Command("INSERT INTO state(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", ("$k", key), ("$v", value));
            set.Transaction = tx;
            set.ExecuteNonQuery();
        }
        tx.Commit();
    }

    /// <summary>Moves a journaled order to <paramref name="state"/>, with the broker's id and a reason when given.</summary>
    /// <exception cref="InvalidOperationException">No order with that client id is journaled.</exception>
    public void SetState(DateTime timeUtc, string clientOrderId, JournalOrderState state, string? brokerOrderId = null, string? reason = null)
    {
        using var cmd = Command("UPDATE orders SET state = $s, broker_order_id = COALESCE($b, broker_order_id), reason = COALESCE($r, reason), updated_utc = $t WHERE client_order_id = $c",
            ("$s", state.ToString()), ("$b", brokerOrderId), ("$r", reason), ("$t", Iso(timeUtc)), ("$c", clientOrderId));
        if (cmd.ExecuteNonQuery() == 0) throw new InvalidOperationException($"order {clientOrderId} is not in the journal {Path}");
    }

    /// <summary>The order with <paramref name="clientOrderId"/>, or null.</summary>
    public JournalOrder? Order(string clientOrderId) => Orders("WHERE client_order_id = $c", ("$c", clientOrderId)).FirstOrDefault();

    /// <summary>Orders the broker may or may not have (intended or sent, no answer recorded): reconciliation looks each up by client id.</summary>
    public IReadOnlyList<JournalOrder> Unconfirmed() =>
        Orders("WHERE state IN ($a, $b) ORDER BY created_utc, client_order_id", ("$a", nameof(JournalOrderState.Intended)), ("$b", nameof(JournalOrderState.Sent)));

    /// <summary>Every journaled order, oldest first.</summary>
    public IReadOnlyList<JournalOrder> AllOrders() => Orders("ORDER BY created_utc, client_order_id");

    /// <summary>Every event, in the order written (optionally only those of <paramref name="kind"/>).</summary>
    public IReadOnlyList<JournalEvent> Events(string? kind = null)
    {
        using var cmd = Command("SELECT seq, time_utc, kind, instrument, client_order_id, payload FROM events WHERE $k IS NULL OR kind = $k ORDER BY seq", ("$k", kind));
        using var r = cmd.ExecuteReader();
        var list = new List<JournalEvent>();
        while (r.Read())
            list.Add(new(r.GetInt64(0), ParseIso(r.GetString(1)), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4), r.GetString(5)));
        return list;
    }

    /// <summary>A value kept across restarts (e.g. <c>last_transaction_id</c>, <c>risk_state</c>), or null.</summary>
    public string? Get(string key)
    {
        using var cmd = Command("SELECT value FROM state WHERE key = $k", ("$k", key));
        return cmd.ExecuteScalar() as string;
    }

    /// <summary>Sets a value kept across restarts.</summary>
    public void Set(string key, string value)
    {
        using var cmd = Command("INSERT INTO state(key, value) VALUES ($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value", ("$k", key), ("$v", value));
        cmd.ExecuteNonQuery();
    }

    /// <summary>
    /// Writes every journaled order to <paramref name="path"/> as CSV (<c>client_order_id,instrument,units,order_type,state,broker_order_id,reason,created_utc,updated_utc</c>;
    /// times ISO 8601 UTC, numbers invariant), oldest first.
    /// </summary>
    public void WriteOrdersCsv(string path)
    {
        using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        w.Write("client_order_id,instrument,units,order_type,state,broker_order_id,reason,created_utc,updated_utc\n");
        foreach (var o in AllOrders())
            w.Write($"{o.ClientOrderId},{o.Instrument},{o.Units.ToString("R", CultureInfo.InvariantCulture)},{o.OrderType},{o.State},{o.BrokerOrderId},{Csv(o.Reason)},{Iso(o.CreatedUtc)},{Iso(o.UpdatedUtc)}\n");
    }

    // A reason may hold commas or quotes (a broker's text): quoted as RFC 4180 asks.
    private static string Csv(string? text) => text is null ? "" : text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"") + "\"";

    /// <summary>Closes the file.</summary>
    public void Dispose() => _db.Dispose();

    private List<JournalOrder> Orders(string where, params (string, object?)[] parameters)
    {
        using var cmd = Command($"SELECT client_order_id, instrument, units, order_type, state, broker_order_id, reason, created_utc, updated_utc FROM orders {where}", parameters);
        using var r = cmd.ExecuteReader();
        var list = new List<JournalOrder>();
        while (r.Read())
            list.Add(new(r.GetString(0), r.GetString(1), r.GetDouble(2), r.GetString(3), Enum.Parse<JournalOrderState>(r.GetString(4)),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), ParseIso(r.GetString(7)), ParseIso(r.GetString(8))));
        return list;
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    // A local time relabelled as UTC would shift every event by the zone offset without a trace.
    private static string Iso(DateTime utc) => utc.Kind == DateTimeKind.Local
        ? throw new ArgumentException($"journal times are UTC; got a local time {utc:O}", nameof(utc))
        : DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
    private static DateTime ParseIso(string s) => DateTime.ParseExact(s, "yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
