namespace ZkNet.Durability.Tests.Support;

/// <summary>The theory form of <see cref="TmpfsFactAttribute"/>.</summary>
internal sealed class TmpfsTheoryAttribute : TheoryAttribute
{
    public TmpfsTheoryAttribute()
    {
        Timeout = TestTimeouts.Test;
        if (!TmpfsMount.IsAvailable)
        {
            Skip = "needs root and mount to put the data directory on a small tmpfs";
        }
    }
}
