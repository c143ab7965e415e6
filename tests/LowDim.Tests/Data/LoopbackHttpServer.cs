using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LowDim.Tests.Data;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and a free port, serving fixed files for download tests. Every
/// wait is bounded: it serves at most 50 connections, gives each 5 s, and stops by itself after 30 s.
/// </summary>
internal sealed class LoopbackHttpServer : IDisposable
{
    private const int MaxConnections = 50;
    private static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyDictionary<string, byte[]> _files;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new(Lifetime);
    private readonly Task _loop;
    private int _requests;

    /// <param name="files">The files by path, e.g. <c>/mnist/train-labels-idx1-ubyte.gz</c>; any other path is a 404.</param>
    /// <param name="dropAfter">When set, every response promises the whole file but the connection closes after this many bytes of it.</param>
    public LoopbackHttpServer(IReadOnlyDictionary<string, byte[]> files, int? dropAfter = null)
    {
        _files = files;
        DropAfter = dropAfter;
        _listener.Start();
        BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }

    public int? DropAfter { get; }

    /// <summary>The requests answered so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>A URL on this server for <paramref name="path"/> (no leading slash).</summary>
    public Uri Url(string path) => new(BaseUri, path);

    private async Task ServeAsync()
    {
        try
        {
            for (int i = 0; i < MaxConnections; i++)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                timeout.CancelAfter(ConnectionTimeout);
                try
                {
                    await AnswerAsync(client.GetStream(), timeout.Token);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
                {
                    // The client went away or was too slow: serve the next one.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped by Dispose or by the lifetime limit.
        }
    }

    private async Task AnswerAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        string path = await ReadRequestPathAsync(stream, cancellationToken);
        Interlocked.Increment(ref _requests);
        if (!_files.TryGetValue(path, out byte[]? body))
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), cancellationToken);
            return;
        }
        string headers = $"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(headers), cancellationToken);
        await stream.WriteAsync(body.AsMemory(0, Math.Min(body.Length, DropAfter ?? body.Length)), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Reads the request head (at most 8 KiB) and returns the path of its request line.</summary>
    private static async Task<string> ReadRequestPathAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new byte[8192];
        int length = 0;
        while (length < head.Length)
        {
            int read = await stream.ReadAsync(head.AsMemory(length), cancellationToken);
            if (read == 0) break;
            length += read;
            if (Encoding.ASCII.GetString(head, 0, length).Contains("\r\n\r\n", StringComparison.Ordinal)) break;
        }
        string[] requestLine = Encoding.ASCII.GetString(head, 0, length).Split("\r\n")[0].Split(' ');
        return requestLine.Length >= 2 ? requestLine[1] : "";
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
