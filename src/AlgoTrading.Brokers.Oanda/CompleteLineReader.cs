using System.Text;

namespace AlgoTrading.Brokers.Oanda;

/// <summary>
/// Reads newline-terminated lines from a stream and returns only complete ones: bytes after the
/// last newline when the connection ends or fails are a cut line, discarded and reported, never
/// handed on as half an object.
/// </summary>
internal sealed class CompleteLineReader(Stream stream, Action<string> report)
{
    private byte[] _buffer = new byte[16 * 1024];
    private int _start, _end;

    /// <summary>The next complete line (without its newline), or null when the stream ended or failed.</summary>
    /// <exception cref="OperationCanceledException">The token fired (the caller decides whether that was silence or shutdown).</exception>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int nl = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (nl >= 0)
            {
                var line = Encoding.UTF8.GetString(_buffer, _start, nl - _start).TrimEnd('\r');
                _start = nl + 1;
                return line;
            }
            if (_start > 0) { Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start); _end -= _start; _start = 0; }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            int read;
            try { read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken); }
            catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException)
            {
                Discard($"connection failed ({e.GetType().Name})");
                return null;
            }
            if (read == 0) { Discard("stream ended"); return null; }
            _end += read;
        }
    }

    private void Discard(string why)
    {
        if (_end > _start) report($"{why} inside a line: discarded {_end - _start} bytes of an incomplete message");
        _start = _end = 0;
    }
}
