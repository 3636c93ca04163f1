import Foundation

/// Where the server reads the time: injected so tests control it.
public protocol ServerClock: Sendable {
    func now() -> Date
}

/// The machine's wall clock.
public struct SystemClock: ServerClock {
    public init() {}
    public func now() -> Date { Date() }
}
