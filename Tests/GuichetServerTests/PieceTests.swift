import Crypto
import Foundation
import GuichetDomain
import GuichetProtocol
@testable import GuichetServer
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import GuichetTestSupport
import Testing

@Suite struct PieceTests {
    static func sha(_ bytes: [UInt8]) -> String { SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined() }
    static func scan(_ size: Int, seed: UInt8 = 7) -> [UInt8] { (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) } }

    func patch(_ client: some TestClientProtocol, _ device: TestDevice, sha: String, offset: Int, length: Int?, chunk: [UInt8],
               checksum: String? = nil) async throws -> APIResult {
        var headers = HTTPFields()
        headers[HTTPField.Name("Upload-Offset")!] = String(offset)
        if let length { headers[HTTPField.Name("Upload-Length")!] = String(length) }
        if let checksum { headers[HTTPField.Name("Upload-Checksum")!] = checksum }
        headers[.contentType] = "application/offset+octet-stream"
        return try await client.call(.patch, "/v1/pieces/\(sha)", device: device, raw: ByteBuffer(bytes: chunk), headers: headers)
    }

    @Test(arguments: StoreKind.allCases) func resumableUploadThenAttachAtANiveauOnePointByNumeroUnique(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let gre = try await h.device("GRE01", niveau: .deux)
        let sar = try await h.device("SAR01", niveau: .un, commune: "38472")
        let other = try await h.device("ECH01", niveau: .deux)
        let demande = Fixtures.demande()
        let bytes = Self.scan(2_500_000)
        let sha = Self.sha(bytes)
        try await h.app().test(.router) { client in
            let reg = try await client.push(gre, [gre.command(.registerDemande(RegisterDemande(demande: demande, depot: Jour(2026, 3, 14)!)))])
            let nur = try #require(try reg.decode(PushResponse.self).outcomes.first?.applied?.numeroUnique)

            // The niveau-1 point attaches before the bytes are there: retry later, number not advanced.
            let attach = sar.command(.attachPiece(AttachPiece(pieceId: UUID.v7(), demande: DemandeRef(numeroUnique: nur), type: .avisImpositionN2,
                                                              personne: .demandeur, sha256: sha, taille: bytes.count, mediaType: "application/pdf",
                                                              recueLe: h.clock.now())))
            let early = try await client.push(sar, [attach]).decode(PushResponse.self)
            #expect(early.outcomes.map(\.status) == [.retryLater])
            #expect(early.lastApplied == 0)

            let head0 = try await client.call(.head, "/v1/pieces/\(sha)", device: sar)
            #expect(head0.headers[HTTPField.Name("Upload-Offset")!] == "0")

            let chunk = 1 << 20
            let first = try await patch(client, sar, sha: sha, offset: 0, length: bytes.count, chunk: Array(bytes[0..<chunk]))
            #expect(first.status == .noContent)
            #expect(first.headers[HTTPField.Name("Upload-Offset")!] == String(chunk))
            // A chunk sent at the wrong offset is refused with the offset to resume from.
            let wrong = try await patch(client, sar, sha: sha, offset: 0, length: bytes.count, chunk: Array(bytes[0..<chunk]))
            #expect(wrong.status == .conflict)
            #expect(wrong.problem?.code == "uploadOffsetMismatch")
            #expect(wrong.problem?.currentOffset == Int64(chunk))
            // A corrupted chunk (checksum mismatch) is refused and not stored.
            let bad = try await patch(client, sar, sha: sha, offset: chunk, length: bytes.count, chunk: Array(bytes[chunk..<2 * chunk]),
                                      checksum: "sha256 \(Data(SHA256.hash(data: [1, 2, 3])).base64EncodedString())")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.problem?.code == "chunkChecksumMismatch")
            let head1 = try await client.call(.head, "/v1/pieces/\(sha)", device: sar)
            #expect(head1.headers[HTTPField.Name("Upload-Offset")!] == String(chunk))
            // Resume from the reported offset.
            let goodSum = "sha256 \(Data(SHA256.hash(data: Array(bytes[chunk..<2 * chunk]))).base64EncodedString())"
            #expect(try await patch(client, sar, sha: sha, offset: chunk, length: nil, chunk: Array(bytes[chunk..<2 * chunk]), checksum: goodSum).status == .noContent)
            let last = try await patch(client, sar, sha: sha, offset: 2 * chunk, length: nil, chunk: Array(bytes[(2 * chunk)...]))
            #expect(last.status == .created)
            #expect(last.headers[HTTPField.Name("Upload-Complete")!] == "true")

            let applied = try await client.push(sar, [attach]).decode(PushResponse.self)
            #expect(applied.outcomes.map(\.status) == [.applied])
            #expect(applied.lastApplied == 1)

            // The registering guichet and the receiving point may download it; another guichet may not, even knowing the digest.
            let download = try await client.call(.get, "/v1/pieces/\(sha)", device: gre)
            #expect(download.status == .ok)
            #expect(Array(download.body.readableBytesView) == bytes)
            #expect(try await client.call(.get, "/v1/pieces/\(sha)", device: sar).status == .ok)
            let refused = try await client.call(.get, "/v1/pieces/\(sha)", device: other)
            #expect(refused.status == .notFound)
            #expect(refused.problem?.code == "pieceNotAvailable")

            // The pièce travels down the stream of the demande's guichets.
            let changes = try await client.pullAll(gre).changes
            #expect(changes.contains { if case .piece(let p) = $0.body { p.sha256 == sha && p.guichetCode == "SAR01" } else { false } })
        }
    }

    @Test(arguments: StoreKind.allCases) func corruptAndOversizedPiecesAreRefusedAndNothingIsLost(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind, maximumPieceSize: 1 << 20)
        let device = try await h.device("GRE01")
        let good = Self.scan(1000, seed: 1)
        let goodSha = Self.sha(good)
        try await h.app().test(.router) { client in
            #expect(try await patch(client, device, sha: goodSha, offset: 0, length: good.count, chunk: good).status == .created)
            // Bytes that do not match the announced digest.
            let lie = Self.sha(Self.scan(1000, seed: 2))
            let corrupt = try await patch(client, device, sha: lie, offset: 0, length: good.count, chunk: good)
            #expect(corrupt.status == .unprocessableContent)
            #expect(corrupt.problem?.code == "pieceDigestMismatch")
            let head = try await client.call(.head, "/v1/pieces/\(lie)", device: device)
            #expect(head.headers[HTTPField.Name("Upload-Offset")!] == "0")
            // Too large.
            let big = try await patch(client, device, sha: Self.sha([0]), offset: 0, length: 2 << 20, chunk: [0])
            #expect(big.status == .contentTooLarge)
            #expect(big.problem?.code == "pieceTooLarge")
            // Chunk beyond the announced length; malformed digest; missing offset.
            let beyond = try await patch(client, device, sha: Self.sha([9]), offset: 0, length: 1, chunk: [9, 9])
            #expect(beyond.problem?.code == "uploadLengthMismatch")
            #expect(try await client.call(.head, "/v1/pieces/NOT-A-DIGEST", device: device).status == .badRequest)
            let noOffset = try await client.call(.patch, "/v1/pieces/\(goodSha)", device: device, raw: ByteBuffer(bytes: [1]))
            #expect(noOffset.problem?.code == "malformedRequest")
            // The good blob is intact.
            let head2 = try await client.call(.head, "/v1/pieces/\(goodSha)", device: device)
            #expect(head2.headers[HTTPField.Name("Upload-Complete")!] == "true")
        }
        #expect(try await h.store.read { tx in try tx.blob(sha256: goodSha) }?.size == 1000)
    }

    @Test(arguments: StoreKind.allCases) func attachPieceRejectsUnknownNumeroAndWrongSize(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("GRE01")
        let bytes = Self.scan(500)
        let sha = Self.sha(bytes)
        let demande = Fixtures.demande()
        try await h.app().test(.router) { client in
            _ = try await client.push(device, [device.command(.registerDemande(RegisterDemande(demande: demande, depot: Jour(2026, 3, 14)!)))])
            _ = try await patch(client, device, sha: sha, offset: 0, length: bytes.count, chunk: bytes)
            func attach(_ ref: DemandeRef, size: Int, personne: RefPersonne = .demandeur) -> Command {
                device.command(.attachPiece(AttachPiece(pieceId: UUID.v7(), demande: ref, type: .pieceIdentite, personne: personne, sha256: sha,
                                                        taille: size, mediaType: "image/jpeg", recueLe: h.clock.now())))
            }
            let r = try await client.push(device, [
                attach(DemandeRef(numeroUnique: try NumeroUnique("0380326999999GRE01")), size: 500),
                attach(DemandeRef(id: demande.id), size: 501),
                attach(DemandeRef(id: demande.id), size: 500, personne: .coDemandeur(3)),
                attach(DemandeRef(id: demande.id), size: 500),
            ]).decode(PushResponse.self)
            #expect(r.outcomes.map(\.status) == [.rejected, .rejected, .rejected, .applied])
            #expect(r.outcomes.map { $0.rejection?.code } == ["demandeInconnue", "pieceIncoherente", "pieceIncoherente", nil])
            #expect(r.outcomes[0].rejection?.message.contains("0380326999999GRE01") == true)
        }
    }
}
