import Foundation
import GRDB

/// Group commit: write bodies that arrive while the writer is busy run together in the next transaction, each in
/// its own savepoint, and are answered only after that one commit (one `fsync` for all of them).
///
/// Nothing changes for a body: it sees the writes committed before it and those of the bodies before it in the
/// group; when it throws, its savepoint is rolled back and only it fails; when the commit fails, every body of the
/// group fails and none was acknowledged. Two hundred desks pushing at once cost a handful of fsyncs, not two
/// hundred in a row.
final class GroupCommit: @unchecked Sendable {
    struct Job: Sendable {
        /// Runs the body inside the group's transaction; returns the answer to give once the commit succeeded.
        let run: @Sendable (Database) -> @Sendable () -> Void
        /// Answers with the error that lost the whole group.
        let fail: @Sendable (any Error) -> Void
    }

    private let writer: any DatabaseWriter
    private let lock = NSLock()
    private var pending: [Job] = []
    private var draining = false
    /// Bounds a group, so one transaction stays short.
    static let maximumGroup = 256

    init(writer: any DatabaseWriter) { self.writer = writer }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(
                run: { db in
                    let result: Result<T, any Error>
                    do {
                        nonisolated(unsafe) var value: T?
                        try db.inSavepoint {
                            value = try body(db)
                            return .commit
                        }
                        result = .success(value!)
                    } catch {
                        result = .failure(error)
                    }
                    return { continuation.resume(with: result) }
                },
                fail: { continuation.resume(throwing: $0) })
            let start = lock.withLock { () -> Bool in
                pending.append(job)
                if draining { return false }
                draining = true
                return true
            }
            if start { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let group = lock.withLock { () -> [Job] in
                let g = Array(pending.prefix(Self.maximumGroup))
                pending.removeFirst(g.count)
                if g.isEmpty { draining = false }
                return g
            }
            if group.isEmpty { return }
            do {
                let answers = try await writer.write { db in group.map { $0.run(db) } }
                for answer in answers { answer() }
            } catch {
                // Opening or committing the transaction failed: nothing of this group is on disk.
                for job in group { job.fail(error) }
            }
        }
    }
}
