namespace ZkNet.Testing;

/// <summary>One member of a <see cref="TestingCluster"/> as it is now.</summary>
/// <param name="Id">The member's server id (N of its server.N line and its myid file).</param>
/// <param name="Port">Its client port on 127.0.0.1; kept across restarts.</param>
/// <param name="DataDirectory">Where it keeps its myid, transaction log and snapshots.</param>
/// <param name="Role">What it is doing.</param>
/// <param name="Serving">Whether it accepts clients now (a member between roles refuses them).</param>
public sealed record TestingClusterMember(long Id, int Port, string DataDirectory, MemberRole Role, bool Serving)
{
    /// <summary>"127.0.0.1:port" of this member alone.</summary>
    public string ConnectString => "127.0.0.1:" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether the member's process part is running (it may still be electing).</summary>
    public bool IsRunning => Role != MemberRole.Stopped;
}
