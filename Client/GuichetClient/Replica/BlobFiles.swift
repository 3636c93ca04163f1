import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Pièce files beside the replica: `blobs/ab/abcdef…`, written durably before any command refers to them.
enum BlobFiles {
    /// Placeholder demande id of a pièce received for a numéro unique the device has never seen.
    static let inconnue = UUID(uuidString: "00000000-0000-0000-0000-000000000000")!

    static func url(_ sha: String, in directory: URL) -> URL {
        directory.appendingPathComponent("blobs").appendingPathComponent(String(sha.prefix(2))).appendingPathComponent(sha)
    }

    /// Temporary file, fsync, rename, fsync of the folder: after this returns the bytes survive a power cut.
    static func storeDurably(_ bytes: [UInt8], sha: String, in directory: URL) throws {
        let target = url(sha, in: directory)
        if FileManager.default.fileExists(atPath: target.path) { return }
        let folder = target.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(".\(sha).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
            throw ClientError(code: .fichier, message: "Impossible d'écrire dans \(folder.path).")
        }
        let handle = try FileHandle(forWritingTo: temp)
        try handle.write(contentsOf: bytes)
        try handle.synchronize()
        try handle.close()
        try FileManager.default.moveItem(at: temp, to: target)
        fsyncFolder(folder)
    }

    static func read(_ sha: String, in directory: URL) throws -> [UInt8] {
        Array(try Data(contentsOf: url(sha, in: directory)))
    }

    static func fsyncFolder(_ url: URL) {
        #if canImport(Glibc)
        let fd = open(url.path, O_RDONLY)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
        #endif
    }

    static func mediaType(_ file: URL) -> String {
        switch file.pathExtension.lowercased() {
        case "pdf": "application/pdf"
        case "jpg", "jpeg": "image/jpeg"
        case "png": "image/png"
        case "tif", "tiff": "image/tiff"
        default: "application/octet-stream"
        }
    }
}
