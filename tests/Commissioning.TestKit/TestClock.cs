namespace Commissioning.TestKit;

/// <summary>A clock the test moves by hand; inject it wherever the code takes a <see cref="TimeProvider"/>.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    /// <summary>A clock at 09:00 UTC on 1 April 2026.</summary>
    public TestClock()
        : this(new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero))
    {
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves time forward.</summary>
    public void Advance(TimeSpan by) => _now += by;

    /// <summary>Sets the time.</summary>
    public void SetUtcNow(DateTimeOffset now) => _now = now;
}
