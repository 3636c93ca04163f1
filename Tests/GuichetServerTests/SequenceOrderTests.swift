import Foundation
import GuichetDomain
import GuichetProtocol
@testable import GuichetServer
import GuichetTestSupport
import NIOConcurrencyHelpers
import Testing

/// The pull cursor is safe only if readers never see a sequence number while a smaller one is still uncommitted:
/// a device would store the larger one as its cursor and skip the smaller one forever. This holds one write
/// transaction open after it took a number, lets a second writer try, and checks what readers see meanwhile.
@Suite struct SequenceOrderTests {
    @Test(arguments: StoreKind.allCases) func readersOnlySeeAGapFreePrefix(_ kind: StoreKind) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("seq-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try await kind.makeStore(in: dir)
        let audience = Audience(deviceId: "x", guichetCode: "X", seesAll: true)
        @Sendable func change() -> NewChange { NewChange(visibility: .demande, demandeId: UUID()) { seq in Data("\(seq)".utf8) } }

        let firstTookItsNumber = NIOLockedValueBox(false)
        let releaseFirst = DispatchSemaphore(value: 0)
        let first = Task {
            try await store.write { tx -> Int64 in
                let seq = try tx.appendChange(change())
                firstTookItsNumber.withLockedValue { $0 = true }
                releaseFirst.wait()  // hold the transaction open (a slow push)
                return seq
            }
        }
        while !firstTookItsNumber.withLockedValue({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        let second = Task { try await store.write { tx in try tx.appendChange(change()) } }

        // While the first writer is open, every reader sees a contiguous prefix 1…max (here: nothing).
        for _ in 0..<10 {
            let (seqs, max) = try await store.read { tx in (try tx.changes(after: 0, audience: audience, limit: 100).map(\.0), try tx.maxSeq()) }
            #expect(seqs == Array(stride(from: 1, through: max, by: 1)), "visible \(seqs) with max \(max) while a smaller number is uncommitted")
            try await Task.sleep(for: .milliseconds(20))
        }
        releaseFirst.signal()
        let a = try await first.value, b = try await second.value
        #expect(a < b)
        let all = try await store.read { tx in try tx.changes(after: 0, audience: audience, limit: 100).map(\.0) }
        #expect(all == [a, b])
    }
}
