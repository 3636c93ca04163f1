import Foundation
import GuichetDomain
import GuichetProtocol
import HTTPTypes
import Hummingbird

/// Resumable, content-addressed pièce upload (tus-like `HEAD` then `PATCH` with an offset) and download.
struct PieceRoutes {
    let sync: SyncService
    let blobs: BlobStore

    func addRoutes(to group: RouterGroup<GuichetRequestContext>) {
        group.head("pieces/{sha256}") { _, context in
            _ = try context.requireDevice()
            let sha = try Self.sha(context)
            let status = await blobs.status(sha)
            return Response(status: .ok, headers: Self.headers(status))
        }
        group.patch("pieces/{sha256}") { request, context in
            _ = try context.requireDevice()
            let sha = try Self.sha(context)
            guard let offsetText = request.headers[HTTPField.Name(PieceUpload.offsetHeader)!], let offset = Int64(offsetText), offset >= 0 else {
                throw Problem(.malformedRequest, detail: "L'en-tête \(PieceUpload.offsetHeader) (entier) est obligatoire.")
            }
            let length = try request.headers[HTTPField.Name(PieceUpload.lengthHeader)!].map { text -> Int64 in
                guard let n = Int64(text), n > 0 else { throw Problem(.malformedRequest, detail: "\(PieceUpload.lengthHeader) invalide.") }
                return n
            }
            if let length, length > Int64(blobs.maximumSize) {
                throw Problem(.pieceTooLarge, detail: "La pièce fait \(length) octets ; la limite est de \(blobs.maximumSize) octets.")
            }
            var request = request
            let buffer: ByteBuffer
            do {
                buffer = try await request.collectBody(upTo: PieceUpload.maximumChunkSize)
            } catch {
                throw Problem(.pieceTooLarge, detail: "Un fragment fait au plus \(PieceUpload.maximumChunkSize) octets.")
            }
            let checksum = request.headers[HTTPField.Name(PieceUpload.checksumHeader)!]
            let status = try await blobs.append(sha: sha, offset: offset, length: length, chunk: Array(buffer.readableBytesView), chunkChecksum: checksum)
            if status.complete {
                let now = sync.clock.now()
                try await sync.store.write { tx in try tx.insertBlob(BlobRow(sha256: sha, size: status.offset, storedAt: now)) }
            }
            return Response(status: status.complete ? .created : .noContent, headers: Self.headers(status))
        }
        group.get("pieces/{sha256}") { _, context in
            let device = try context.requireDevice()
            let sha = try Self.sha(context)
            // Knowing a digest is not a right: the pièce must belong to a demande the device sees.
            let visible = try await sync.store.read { tx in try tx.blobVisible(sha256: sha, audience: device.audience) }
            guard visible, let path = await blobs.completeBlobPath(sha) else {
                throw Problem(.pieceNotAvailable, detail: "Pièce introuvable ou hors du périmètre de ce guichet.")
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            var headers = HTTPFields()
            headers[.contentType] = "application/octet-stream"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
    }

    static func sha(_ context: GuichetRequestContext) throws -> String {
        let sha = try context.parameters.require("sha256")
        guard Piece.sha256EstValide(sha) else {
            throw Problem(.malformedRequest, detail: "L'empreinte doit être un SHA-256 en hexadécimal minuscule (64 caractères).")
        }
        return sha
    }

    static func headers(_ status: BlobStore.Status) -> HTTPFields {
        var h = HTTPFields()
        h[HTTPField.Name(PieceUpload.offsetHeader)!] = String(status.offset)
        if let length = status.length { h[HTTPField.Name(PieceUpload.lengthHeader)!] = String(length) }
        h[HTTPField.Name(PieceUpload.completeHeader)!] = status.complete ? "true" : "false"
        h[.cacheControl] = "no-store"
        return h
    }
}
