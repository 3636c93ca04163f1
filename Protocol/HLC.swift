/// A hybrid logical clock stamp: wall time in milliseconds, a counter, and the device that stamped it.
/// Orders a device's own events and the audit trail; never decides authority (docs/PROTOCOL.md "Clocks").
public struct HLCStamp: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var wallMillis: Int64
    public var counter: Int32
    public var device: String

    public init(wallMillis: Int64, counter: Int32, device: String) {
        self.wallMillis = wallMillis
        self.counter = counter
        self.device = device
    }

    public static func < (a: HLCStamp, b: HLCStamp) -> Bool {
        (a.wallMillis, a.counter, a.device) < (b.wallMillis, b.counter, b.device)
    }

    public var description: String { "\(wallMillis).\(counter)@\(device)" }
}

/// The clock itself: a pure value the caller feeds with physical time (injected, so tests control it).
public struct HybridLogicalClock: Sendable, Hashable, Codable {
    public private(set) var last: HLCStamp

    public init(device: String, last: HLCStamp? = nil) {
        self.last = last ?? HLCStamp(wallMillis: 0, counter: 0, device: device)
    }

    /// A new stamp for a local event, strictly greater than every stamp seen so far, even if the wall clock
    /// went backwards.
    public mutating func tick(physicalMillis: Int64) -> HLCStamp {
        if physicalMillis > last.wallMillis {
            last = HLCStamp(wallMillis: physicalMillis, counter: 0, device: last.device)
        } else {
            last = HLCStamp(wallMillis: last.wallMillis, counter: last.counter + 1, device: last.device)
        }
        return last
    }

    /// Merges a stamp received from elsewhere, unless it is more than `maximumDriftMillis` ahead of our physical
    /// time: such a stamp is not allowed to drag this clock into the future. Returns false when it was refused.
    @discardableResult
    public mutating func observe(_ remote: HLCStamp, physicalMillis: Int64, maximumDriftMillis: Int64 = 5 * 60_000) -> Bool {
        guard remote.wallMillis <= physicalMillis + maximumDriftMillis else { return false }
        let wall = max(physicalMillis, last.wallMillis, remote.wallMillis)
        let counter: Int32
        if wall == last.wallMillis && wall == remote.wallMillis {
            counter = max(last.counter, remote.counter) + 1
        } else if wall == last.wallMillis {
            counter = last.counter + 1
        } else if wall == remote.wallMillis {
            counter = remote.counter + 1
        } else {
            counter = 0
        }
        last = HLCStamp(wallMillis: wall, counter: counter, device: last.device)
        return true
    }
}
