import Foundation

/// Exponential backoff with full jitter (pure: the random source and the clock are injected by the caller).
public struct RetryPolicy: Sendable, Hashable {
    public var initialDelay: Duration
    public var maximumDelay: Duration
    public var maximumAttempts: Int

    public init(initialDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(30), maximumAttempts: Int = 6) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.maximumAttempts = maximumAttempts
    }

    /// The ceiling of the wait before attempt `attempt + 1` (attempt counts from 1).
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        let factor = 1 << min(max(attempt - 1, 0), 20)
        return min(initialDelay * factor, maximumDelay)
    }

    /// A delay drawn uniformly in [ceiling / 2, ceiling], so many guichets back from a cut do not retry in step.
    public func delay(afterAttempt attempt: Int, using rng: inout some RandomNumberGenerator) -> Duration {
        let c = ceiling(afterAttempt: attempt)
        let ms = Int64(c.components.seconds * 1000 + c.components.attoseconds / 1_000_000_000_000_000)
        return .milliseconds(Int64.random(in: (ms / 2)...max(ms / 2, ms), using: &rng))
    }
}

/// Notices a queue that stopped moving: pending work that has not shrunk for longer than `limit`.
/// Pure, with the time given by the caller.
public struct ProgressWatchdog: Sendable, Hashable {
    public let limit: Duration
    private var best: Int?
    private var since: ContinuousClock.Instant?

    public init(limit: Duration) { self.limit = limit }

    /// Records the pending count at `now`; returns true when no progress happened for longer than `limit`.
    public mutating func observe(pending: Int, at now: ContinuousClock.Instant) -> Bool {
        guard pending > 0 else {
            best = 0
            since = now
            return false
        }
        if best == nil || pending < best! {
            best = pending
            since = now
            return false
        }
        return now - (since ?? now) > limit
    }
}
