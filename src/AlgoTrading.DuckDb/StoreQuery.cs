using System.Data.Common;
using AlgoTrading.Data.Storage;
using DuckDB.NET.Data;

namespace AlgoTrading.DuckDb;

/// <summary>The result of a query: column names and rows of plain values.</summary>
/// <param name="Columns">Column names in order.</param>
/// <param name="Rows">Each row's values (DBNull becomes null).</param>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);

/// <summary>
/// SQL over the Parquet files of a <see cref="MarketDataStore"/> with DuckDB (in-process, in-memory).
/// One view, <c>bars</c>, spans every stored file with three columns taken from the path,
/// <c>market</c>, <c>instrument</c> and <c>resolution</c>, followed by the file columns
/// (<c>time_utc</c>, <c>bid_open</c> … or <c>open</c> … ; files of different kinds are unioned by
/// column name, so the other kind's columns are NULL). Example:
/// <c>SELECT instrument, count(*) FROM bars WHERE resolution = 'M1' GROUP BY 1</c>.
/// </summary>
public sealed class StoreQuery : IDisposable
{
    private readonly DuckDBConnection _connection;

    /// <summary>Opens DuckDB over the store at <paramref name="storeRoot"/>.</summary>
    /// <exception cref="DirectoryNotFoundException">The store holds no Parquet file.</exception>
    public StoreQuery(string storeRoot)
    {
        var root = Path.GetFullPath(storeRoot);
        if (!Directory.Exists(root) || !Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories).Any())
            throw new DirectoryNotFoundException($"no Parquet files under {root}; import data first (algotrading data import)");
        _connection = new DuckDBConnection("DataSource=:memory:");
        _connection.Open();
        var glob = Path.Combine(root, "*", "*", "*", "*.parquet").Replace("'", "''");
        var rootPattern = System.Text.RegularExpressions.Regex.Escape(root.TrimEnd('/') + "/").Replace("'", "''");
        Execute($"""
            CREATE VIEW bars AS
            SELECT regexp_extract(filename, '^{rootPattern}([^/]+)/([^/]+)/([^/]+)/', 1) AS market,
                   regexp_extract(filename, '^{rootPattern}([^/]+)/([^/]+)/([^/]+)/', 2) AS instrument,
                   regexp_extract(filename, '^{rootPattern}([^/]+)/([^/]+)/([^/]+)/', 3) AS resolution,
                   * EXCLUDE (filename)
            FROM read_parquet('{glob}', filename = true, union_by_name = true)
            """);
    }

    /// <summary>Runs <paramref name="sql"/> and returns every row.</summary>
    /// <exception cref="DbException">DuckDB rejected the query; its message says why.</exception>
    public QueryResult Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return new QueryResult(columns, rows);
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();
}
