import Crypto
import Foundation
import GuichetProtocol

#if canImport(Glibc)
import Glibc
#endif

/// Pièce bytes on disk, content-addressed by SHA-256, outside the database: `blobs/ab/abcdef…` for complete
/// verified files, `uploads/<sha>.part` (+ `.length`) for resumable partial uploads.
///
/// An actor: appends to one upload never interleave. A blob is moved into place only after its whole digest
/// matched, with file and folder fsynced, so a committed blob is never partial.
public actor BlobStore {
    let root: URL
    public let maximumSize: Int

    public init(root: URL, maximumSize: Int = PieceUpload.defaultMaximumSize) throws {
        self.root = root
        self.maximumSize = maximumSize
        for dir in ["blobs", "uploads"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(dir), withIntermediateDirectories: true)
        }
    }

    /// Where an upload stands.
    public struct Status: Sendable, Hashable {
        public var offset: Int64
        public var length: Int64?
        public var complete: Bool
    }

    func blobURL(_ sha: String) -> URL {
        root.appendingPathComponent("blobs").appendingPathComponent(String(sha.prefix(2))).appendingPathComponent(sha)
    }
    func partURL(_ sha: String) -> URL { root.appendingPathComponent("uploads").appendingPathComponent("\(sha).part") }
    func lengthURL(_ sha: String) -> URL { root.appendingPathComponent("uploads").appendingPathComponent("\(sha).length") }

    /// The path of a complete blob, or nil.
    public func completeBlobPath(_ sha: String) -> String? {
        let url = blobURL(sha)
        return FileManager.default.fileExists(atPath: url.path) ? url.path : nil
    }

    public func status(_ sha: String) -> Status {
        if let path = completeBlobPath(sha), let size = Self.size(path) {
            return Status(offset: size, length: size, complete: true)
        }
        let length = (try? String(contentsOf: lengthURL(sha), encoding: .utf8)).flatMap { Int64($0) }
        return Status(offset: Self.size(partURL(sha).path) ?? 0, length: length, complete: false)
    }

    /// Appends a chunk at `offset`. Returns the new status; when the last byte arrives the whole digest is checked
    /// and the blob committed, or the partial upload discarded.
    /// - Throws: `Problem` `.pieceTooLarge`, `.uploadLengthMismatch`, `.uploadOffsetMismatch`, `.chunkChecksumMismatch`,
    ///   `.pieceDigestMismatch`.
    public func append(sha: String, offset: Int64, length: Int64?, chunk: [UInt8], chunkChecksum: String?) throws -> Status {
        let current = status(sha)
        if current.complete { return current }
        guard let total = length ?? current.length else {
            throw Problem(.uploadLengthMismatch, detail: "L'en-tête \(PieceUpload.lengthHeader) est obligatoire au premier fragment.")
        }
        guard total > 0, total <= Int64(maximumSize) else {
            throw Problem(.pieceTooLarge, detail: "La pièce fait \(total) octets ; la limite est de \(maximumSize) octets (\(maximumSize >> 20) Mo).")
        }
        if let known = current.length, known != total {
            throw Problem(.uploadLengthMismatch, detail: "Taille annoncée \(total) différente de celle du début de l'envoi (\(known)).",
                          currentOffset: current.offset)
        }
        guard offset == current.offset else {
            throw Problem(.uploadOffsetMismatch, detail: "Le serveur a reçu \(current.offset) octets ; reprenez à cette position (reçu \(offset)).",
                          currentOffset: current.offset)
        }
        guard offset + Int64(chunk.count) <= total else {
            throw Problem(.uploadLengthMismatch, detail: "Le fragment dépasse la taille annoncée (\(total) octets).", currentOffset: current.offset)
        }
        if let checksum = chunkChecksum {
            let parts = checksum.split(separator: " ")
            let digest = Data(SHA256.hash(data: chunk)).base64EncodedString()
            guard parts.count == 2, parts[0].lowercased() == "sha256", String(parts[1]) == digest else {
                throw Problem(.chunkChecksumMismatch, detail: "Le fragment reçu est corrompu (somme de contrôle incorrecte) : renvoyez-le.",
                              currentOffset: current.offset)
            }
        }
        if current.length == nil {
            try Self.writeDurably(Array(String(total).utf8), to: lengthURL(sha))
        }
        try Self.appendDurably(chunk, to: partURL(sha))
        let newOffset = offset + Int64(chunk.count)
        guard newOffset == total else { return Status(offset: newOffset, length: total, complete: false) }
        return try commit(sha: sha, total: total)
    }

    private func commit(sha: String, total: Int64) throws -> Status {
        let part = partURL(sha)
        let digest = try Self.sha256(ofFile: part)
        guard digest == sha else {
            try? FileManager.default.removeItem(at: part)
            try? FileManager.default.removeItem(at: lengthURL(sha))
            throw Problem(.pieceDigestMismatch,
                detail: "Le contenu reçu ne correspond pas à l'empreinte annoncée : le fichier est corrompu ; l'envoi reprendra du début.",
                currentOffset: 0)
        }
        let target = blobURL(sha)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
        try FileManager.default.moveItem(at: part, to: target)
        Self.fsyncDirectory(target.deletingLastPathComponent())
        try? FileManager.default.removeItem(at: lengthURL(sha))
        return Status(offset: total, length: total, complete: true)
    }

    static func size(_ path: String) -> Int64? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
    }

    static func sha256(ofFile url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty { hasher.update(data: data) }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    static func appendDurably(_ bytes: [UInt8], to url: URL) throws {
        if !FileManager.default.fileExists(atPath: url.path) { _ = FileManager.default.createFile(atPath: url.path, contents: nil) }
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: bytes)
        try handle.synchronize()
    }

    static func writeDurably(_ bytes: [UInt8], to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: Data(bytes))
        let handle = try FileHandle(forWritingTo: url)
        try handle.synchronize()
        try handle.close()
        fsyncDirectory(url.deletingLastPathComponent())
    }

    /// Makes a rename durable: fsync the folder that holds the entry.
    static func fsyncDirectory(_ url: URL) {
        #if canImport(Glibc)
        let fd = open(url.path, O_RDONLY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
        #endif
    }
}
