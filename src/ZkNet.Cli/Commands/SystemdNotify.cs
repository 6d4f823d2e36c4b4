using System.Net.Sockets;
using System.Text;

namespace ZkNet.Cli.Commands;

/// <summary>
/// systemd's readiness protocol (sd_notify(3)) for a <c>Type=notify</c> unit: one datagram of newline-separated
/// KEY=VALUE assignments sent to the Unix datagram socket named by <c>$NOTIFY_SOCKET</c> (a path, or an abstract
/// socket when it starts with '@'). Without the variable (not run by systemd) every call does nothing, and a send
/// that fails is ignored: readiness is advisory, the server serves either way.
/// </summary>
internal sealed class SystemdNotify
{
    public const string SocketEnvironment = "NOTIFY_SOCKET";

    private readonly UnixDomainSocketEndPoint? _endPoint;

    private SystemdNotify(UnixDomainSocketEndPoint? endPoint) => _endPoint = endPoint;

    /// <summary>The notifier for this process's environment.</summary>
    public static SystemdNotify FromEnvironment() => For(Environment.GetEnvironmentVariable(SocketEnvironment));

    /// <summary>The notifier for a $NOTIFY_SOCKET value.</summary>
    internal static SystemdNotify For(string? notifySocket) => new(EndPointOf(notifySocket));

    /// <summary>Whether systemd asked for notifications.</summary>
    public bool Enabled => _endPoint is not null;

    /// <summary>The socket address for a $NOTIFY_SOCKET value, or null when there is none usable.</summary>
    internal static UnixDomainSocketEndPoint? EndPointOf(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length < 2 || (value[0] != '/' && value[0] != '@'))
        {
            // systemd also accepts vsock: addresses (for virtual machines); a service on the host never gets one.
            return null;
        }
        // An abstract socket name starts with a NUL byte in the address; systemd spells it with '@'.
        return new UnixDomainSocketEndPoint(value[0] == '@' ? "\0" + value[1..] : value);
    }

    /// <summary>The client port (and any other listener) is bound and the server takes clients: READY=1.</summary>
    public void Ready(string status) => Send($"READY=1\nSTATUS={status}\nMAINPID={Environment.ProcessId}\n");

    /// <summary>The server is shutting down: STOPPING=1, so systemd shows "deactivating" rather than a failure.</summary>
    public void Stopping() => Send("STOPPING=1\nSTATUS=shutting down\n");

    private void Send(string assignments)
    {
        if (_endPoint is null)
        {
            return;
        }
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.UTF8.GetBytes(assignments), _endPoint);
        }
        catch (SocketException)
        {
            // systemd went away or the socket is not ours to use: nothing to tell.
        }
    }
}
