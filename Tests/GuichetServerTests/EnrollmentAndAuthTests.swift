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

@Suite struct EnrollmentAndAuthTests {
    @Test(arguments: StoreKind.allCases) func enrollmentCodeIsOneTimeAndTokenWorks(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let code = try await h.sync.addGuichet(Guichet(code: "ECH01", nom: "CCAS Échirolles", communeInsee: "38151", niveau: .deux, type: .communal))
        try await h.app().test(.router) { client in
            let first = try await client.call(.post, "/v1/enroll", json: EnrollRequest(code: code.lowercased(), deviceName: "poste 1"))
            #expect(first.status == .created)
            let enrolled = try first.decode(EnrollResponse.self)
            #expect(enrolled.guichet.code == "ECH01")
            let again = try await client.call(.post, "/v1/enroll", json: EnrollRequest(code: code, deviceName: "poste 2"))
            #expect(again.status == .unauthorized)
            #expect(again.problem?.code == "enrollmentCodeInvalid")
            #expect(again.headers[.contentType] == "application/problem+json")

            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(enrolled.token)"
            let me = try await client.call(.get, "/v1/me", headers: headers)
            #expect(me.status == .ok)
            let info = try me.decode(DeviceInfo.self)
            #expect(info.deviceId == enrolled.deviceId)
            #expect(info.actions.contains(.enregistrerDemande))
        }
        // Only the hash of the token is stored.
        let stored = try await h.store.read { tx in try tx.devices(guichetCode: "ECH01") }
        #expect(stored.count == 1)
        #expect(stored.allSatisfy { $0.tokenHash.count == 64 })
    }

    @Test(arguments: StoreKind.allCases) func malformedEnrollmentNamesTheField(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        try await h.app().test(.router) { client in
            let r = try await client.call(.post, "/v1/enroll", raw: ByteBuffer(string: #"{"code": 12}"#))
            #expect(r.status == .badRequest)
            #expect(r.problem?.code == "malformedRequest")
            #expect(r.problem?.detail.contains("code") == true)
            let broken = try await client.call(.post, "/v1/enroll", raw: ByteBuffer(string: "{not json"))
            #expect(broken.status == .badRequest)
            #expect(broken.problem?.code == "malformedRequest")
        }
    }

    @Test(arguments: StoreKind.allCases) func unsupportedVersionListsSupportedOnes(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("GRE01")
        try await h.app().test(.router) { client in
            for path in ["/v2/push", "/v0/me", "/v99/pull"] {
                let r = try await client.call(.get, path, device: device)
                #expect(r.status == .upgradeRequired)
                let p = try #require(r.problem)
                #expect(p.code == "unsupportedVersion")
                #expect(p.supportedVersions == ProtocolVersion.supported)
                #expect(p.retryable == false)
            }
        }
    }

    @Test(arguments: StoreKind.allCases) func clientBuildHeaderIsRequired(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("GRE01")
        try await h.app().test(.router) { client in
            let r = try await client.call(.get, "/v1/me", device: device, clientBuild: false)
            #expect(r.status == .badRequest)
            #expect(r.problem?.code == "missingClientBuild")
        }
    }

    @Test(arguments: StoreKind.allCases) func missingUnknownRevokedAndExpiredTokens(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("GRE01")
        let other = try await h.device("GRE02")
        try await h.app().test(.router) { client in
            let none = try await client.call(.get, "/v1/me")
            #expect(none.status == .unauthorized)
            #expect(none.problem?.code == "unauthenticated")

            var headers = HTTPFields()
            headers[.authorization] = "Bearer not-a-token"
            let unknown = try await client.call(.get, "/v1/me", headers: headers)
            #expect(unknown.problem?.code == "unauthenticated")

            try await h.sync.revokeDevice(id: device.id)
            let revoked = try await client.call(.get, "/v1/me", device: device)
            #expect(revoked.status == .unauthorized)
            #expect(revoked.problem?.code == "tokenRevoked")

            try await h.sync.revokeGuichet(code: "GRE02")
            #expect(try await client.call(.get, "/v1/me", device: other).problem?.code == "tokenRevoked")

            let fresh = try await h.device("GRE03")
            h.clock.advance(366 * 86400)
            let expired = try await client.call(.get, "/v1/me", device: fresh)
            #expect(expired.status == .unauthorized)
            #expect(expired.problem?.code == "tokenExpired")
        }
    }

    @Test(arguments: StoreKind.allCases) func expiredEnrollmentCodeIsRefused(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let code = try await h.sync.addGuichet(Guichet(code: "VIF01", nom: "Mairie de Vif", communeInsee: "38545", niveau: .un, type: .communal))
        h.clock.advance(8 * 86400)
        await #expect(throws: Problem.self) { try await h.sync.enroll(EnrollRequest(code: code, deviceName: "x"), clientBuild: "t") }
    }

    @Test(arguments: StoreKind.allCases) func invalidGuichetDefinitionsAreRefused(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        await #expect(throws: AdminError.self) {
            try await h.sync.addGuichet(Guichet(code: "TOO-LONG", nom: "", communeInsee: "381", niveau: .un, type: .communal))
        }
        _ = try await h.sync.addGuichet(Guichet(code: "GRE01", nom: "Grenoble", communeInsee: "38185", niveau: .deux, type: .communal))
        await #expect(throws: AdminError.self) {
            try await h.sync.addGuichet(Guichet(code: "GRE01", nom: "Doublon", communeInsee: "38185", niveau: .deux, type: .communal))
        }
    }
}

@Suite struct TokenRotationTests {
    @Test(arguments: StoreKind.allCases) func rotationReplacesTheTokenAndKeepsTheDevice(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("GRE01")
        try await h.app().test(.router) { client in
            _ = try await client.push(device, [device.command(.recordAccueil(RecordAccueil(accueil: device.accueil())))])
            let r = try await client.call(.post, "/v1/token", device: device)
            #expect(r.status == .ok)
            let rotated = try r.decode(TokenResponse.self)
            #expect(rotated.token != device.token)
            #expect(try await client.call(.get, "/v1/me", device: device).problem?.code == "unauthenticated")
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(rotated.token)"
            let me = try await client.call(.get, "/v1/me", headers: headers).decode(DeviceInfo.self)
            #expect(me.deviceId == device.id)
            #expect(me.lastApplied == 1)
        }
    }
}
