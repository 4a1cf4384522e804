namespace AlgoTrading.Data.Loaders.Text;

/// <summary>
/// Streams a file line by line as UTF-8 byte spans over one reusable buffer, so loading never
/// holds the whole file and never allocates per line. A returned span is valid until the next call.
/// Accepts LF and CRLF endings and skips a UTF-8 byte-order mark.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start, _end;
    private bool _eof;

    /// <summary>Reads from <paramref name="stream"/>; the reader owns and disposes it.</summary>
    public Utf8LineReader(Stream stream, int bufferSize = 1 << 20)
    {
        _stream = stream;
        // Pooled: a fresh 1 MiB array per file would be a large-object allocation and page faults every time.
        _buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(bufferSize);
        Fill();
        if (_end - _start >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF) _start = 3;
    }

    /// <summary>Opens <paramref name="path"/> for sequential reading.</summary>
    public static Utf8LineReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));

    /// <summary>1-based number of the line last returned.</summary>
    public int LineNumber { get; private set; }

    /// <summary>Bytes consumed so far (for progress reporting).</summary>
    public long Position { get; private set; }

    /// <summary>Total length of the underlying stream, when it is seekable; otherwise -1.</summary>
    public long Length => _stream.CanSeek ? _stream.Length : -1;

    /// <summary>Returns the next line without its line ending; false at the end of the file.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var pending = _buffer.AsSpan(_start, _end - _start);
            int nl = pending.IndexOf((byte)'\n');
            if (nl >= 0)
            {
                line = TrimCr(pending[..nl]);
                _start += nl + 1;
                Position += nl + 1;
                LineNumber++;
                return true;
            }
            if (_eof)
            {
                if (pending.Length == 0) { line = default; return false; }
                line = TrimCr(pending);
                _start = _end;
                Position += pending.Length;
                LineNumber++;
                return true;
            }
            Compact();
            Fill();
        }
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> s) => s.Length > 0 && s[^1] == (byte)'\r' ? s[..^1] : s;

    private void Compact()
    {
        int pending = _end - _start;
        if (pending == _buffer.Length) // one line longer than the buffer
        {
            var bigger = System.Buffers.ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, _start, bigger, 0, pending);
            System.Buffers.ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
        else if (_start > 0) Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
        _start = 0;
        _end = pending;
    }

    private void Fill()
    {
        while (_end < _buffer.Length)
        {
            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0) { _eof = true; return; }
            _end += read;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stream.Dispose();
        if (_buffer.Length > 0) System.Buffers.ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
        _start = _end = 0;
    }
}
