namespace ZkNet.Durability.Tests.Support;

/// <summary>A fact that needs <see cref="TmpfsMount"/>: skipped (saying why) where mounting is not allowed.</summary>
internal sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        Timeout = TestTimeouts.Test;
        if (!TmpfsMount.IsAvailable)
        {
            Skip = "needs root and mount to put the data directory on a small tmpfs";
        }
    }
}
