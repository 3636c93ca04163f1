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

@Suite struct PushTests {
    @Test(arguments: StoreKind.allCases) func registeringAssignsANumeroUniqueAndAVersion(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("GRE01", niveau: .deux)
        let demande = Fixtures.demande()
        try await h.app().test(.router) { client in
            let r = try await client.push(device, [device.command(.registerDemande(RegisterDemande(demande: demande, depot: Jour(2026, 3, 14)!)))])
            #expect(r.status == .ok)
            let response = try r.decode(PushResponse.self)
            #expect(response.lastApplied == 1)
            let outcome = try #require(response.outcomes.first)
            #expect(outcome.status == .applied)
            let nur = try #require(outcome.applied?.numeroUnique)
            #expect(nur.valeur == "038032600000" + "1GRE01")
            #expect(nur.territoire == "038")
            #expect(outcome.applied?.version == 1)
            #expect(outcome.applied?.entityId == demande.id)

            let pulled = try await client.pullAll(device)
            let snapshots = pulled.changes.compactMap { if case .demande(let s) = $0.body { s } else { nil } }
            #expect(snapshots.map(\.demande.numeroUnique) == [nur])
            #expect(snapshots.first?.demande.statut == .enregistree)
            #expect(snapshots.first?.demande.dates.depot == Jour(2026, 3, 14))
            #expect(snapshots.first?.demande.dates.enregistrement == Jour(2026, 3, 15))
            // The outcome travels down the stream too.
            #expect(pulled.changes.contains { if case .outcome(let o) = $0.body { o.number == 1 && o.status == .applied } else { false } })
        }
        // The audit trail names device, guichet, agent and HLC.
        let audit = try await h.store.read { tx in try tx.auditEntries(limit: 10) }
        let entry = try #require(audit.first { $0.action == "registerDemande" })
        #expect(entry.deviceId == device.id)
        #expect(entry.guichetCode == "GRE01")
        #expect(entry.agent == "agent1")
        #expect(entry.hlc?.hasSuffix("@\(device.id)") == true)
    }

    @Test(arguments: StoreKind.allCases) func numerosUniquesAreDistinctAndSequential(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let a = try await h.device("GRE01")
        let b = try await h.device("ECH01")
        try await h.app().test(.router) { client in
            var numbers: [NumeroUnique] = []
            for device in [a, b, a, b] {
                let r = try await client.push(device, [device.command(.registerDemande(RegisterDemande(demande: Fixtures.demande(), depot: Jour(2026, 3, 2)!)))])
                numbers.append(try #require(try r.decode(PushResponse.self).outcomes.first?.applied?.numeroUnique))
            }
            #expect(Set(numbers).count == 4)
            #expect(numbers.map(\.sequence) == [1, 2, 3, 4])
            #expect(numbers.map(\.codeGuichet) == ["GRE01", "ECH01", "GRE01", "ECH01"])
        }
    }

    @Test(arguments: StoreKind.allCases) func niveauOneMayNotRegisterButTheQueueMovesOn(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("SAR01", niveau: .un, commune: "38472")
        try await h.app().test(.router) { client in
            let register = device.command(.registerDemande(RegisterDemande(demande: Fixtures.demande(), depot: Jour(2026, 3, 14)!)))
            let visit = device.command(.recordAccueil(RecordAccueil(accueil: device.accueil(.visite, orientation: true))))
            let r = try await client.push(device, [register, visit])
            let response = try r.decode(PushResponse.self)
            #expect(response.lastApplied == 2)
            #expect(response.outcomes.map(\.status) == [.rejected, .applied])
            let rejection = try #require(response.outcomes[0].rejection)
            #expect(rejection.code == "niveauInsuffisant")
            #expect(rejection.message.contains("niveau 1"))
            #expect(rejection.message.contains("niveau 2"))
        }
        #expect(try await h.demandeCount() == 0)
    }

    @Test(arguments: StoreKind.allCases) func replayedBatchesAndCommandsAreAcknowledgedNotReapplied(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("GRE01")
        let commands = [
            device.command(.registerDemande(RegisterDemande(demande: Fixtures.demande(), depot: Jour(2026, 3, 14)!))),
            device.command(.registerDemande(RegisterDemande(demande: Fixtures.demande(nom: "Durand"), depot: Jour(2026, 3, 14)!))),
        ]
        try await h.app().test(.router) { client in
            let first = try await client.push(device, commands).decode(PushResponse.self)
            let again = try await client.push(device, commands).decode(PushResponse.self)
            #expect(again.outcomes.map(\.replayed) == [true, true])
            #expect(again.outcomes.map(\.applied?.numeroUnique) == first.outcomes.map(\.applied?.numeroUnique))
            let single = try await client.push(device, [commands[1]]).decode(PushResponse.self)
            #expect(single.outcomes.first?.replayed == true)
            #expect(single.lastApplied == 2)
            // A batch overlapping applied and new commands applies only the new one.
            let third = device.command(.recordAccueil(RecordAccueil(accueil: device.accueil(.appel))))
            let overlap = try await client.push(device, [commands[1], third]).decode(PushResponse.self)
            #expect(overlap.outcomes.map(\.replayed) == [true, false])
            #expect(overlap.lastApplied == 3)
        }
        #expect(try await h.demandeCount() == 2)
    }

    @Test(arguments: StoreKind.allCases) func aGapIsRefusedAndNothingIsApplied(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("GRE01")
        try await h.app().test(.router) { client in
            _ = try await client.push(device, [device.command(.registerDemande(RegisterDemande(demande: Fixtures.demande(), depot: Jour(2026, 3, 14)!)))])
            _ = device.command(.recordAccueil(RecordAccueil(accueil: device.accueil())))  // number 2, lost
            let third = device.command(.registerDemande(RegisterDemande(demande: Fixtures.demande(), depot: Jour(2026, 3, 14)!)))
            let r = try await client.push(device, [third])
            #expect(r.status == .conflict)
            let p = try #require(r.problem)
            #expect(p.code == "commandGap")
            #expect(p.expectedNumber == 2)
            // Not consecutive within a batch.
            let bad = try await client.push(device, [third, third])
            #expect(bad.status == .badRequest)
            #expect(bad.problem?.code == "malformedRequest")
        }
        #expect(try await h.demandeCount() == 1)
    }

    @Test(arguments: StoreKind.allCases) func validationRejectsWithEveryProblem(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("GRE01")
        let demande = {
            var d = Fixtures.demande()
            d.demandeur.nomNaissance = ""
            d.logementRecherche.communes = []
            d.motifs = []
            return d
        }()
        try await h.app().test(.router) { client in
            let r = try await client.push(device, [device.command(.registerDemande(RegisterDemande(demande: demande, depot: Jour(2026, 3, 14)!)))])
            let outcome = try #require(try r.decode(PushResponse.self).outcomes.first)
            #expect(outcome.status == .rejected)
            let rejection = try #require(outcome.rejection)
            #expect(rejection.code == "validation")
            #expect(Set(rejection.problemes.map(\.chemin)).isSuperset(of: ["demandeur.nomNaissance", "logementRecherche.communes", "motifs"]))
        }
        #expect(try await h.demandeCount() == 0)
    }

    @Test(arguments: StoreKind.allCases) func renewRadierAndForbiddenTransitions(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("GRE01")
        let demande = Fixtures.demande()
        try await h.app().test(.router) { client in
            _ = try await client.push(device, [device.command(.registerDemande(RegisterDemande(demande: demande, depot: Jour(2026, 3, 14)!)))])
            // Too early to renew: the window opens at the 10th month.
            let early = try await client.push(device, [device.command(.renewDemande(RenewDemande(demandeId: demande.id, baseVersion: 1, le: Jour(2026, 3, 15)!)))])
            let rejection = try #require(try early.decode(PushResponse.self).outcomes.first?.rejection)
            #expect(rejection.code == "transitionInterdite")
            #expect(rejection.current?.version == 1)

            h.clock.advance(300 * 86400)
            let renew = try await client.push(device, [device.command(.renewDemande(RenewDemande(demandeId: demande.id, baseVersion: 1, le: Jour(2027, 1, 8)!)))])
            let renewed = try #require(try renew.decode(PushResponse.self).outcomes.first)
            #expect(renewed.status == .applied)
            #expect(renewed.applied?.version == 2)

            // A niveau-2 point radie on renonciation, not for non-réponse.
            let nonReponse = Radiation(motif: .nonReponse, le: Jour(2027, 1, 8)!)
            let refused = try await client.push(device, [device.command(.radierDemande(RadierDemande(demandeId: demande.id, baseVersion: 2, radiation: nonReponse)))])
            #expect(try refused.decode(PushResponse.self).outcomes.first?.rejection?.code == "niveauInsuffisant")
            let renonce = Radiation(motif: .renonciation, le: Jour(2027, 1, 8)!)
            let done = try await client.push(device, [device.command(.radierDemande(RadierDemande(demandeId: demande.id, baseVersion: 2, radiation: renonce)))])
            #expect(try done.decode(PushResponse.self).outcomes.first?.status == .applied)
            let update = UpdateDemande(demandeId: demande.id, baseVersion: 3, changes: [FieldChange(path: "precisions", old: .null, new: .string("x"))])
            let late = try await client.push(device, [device.command(.updateDemande(update))])
            #expect(try late.decode(PushResponse.self).outcomes.first?.rejection?.code == "transitionInterdite")
        }
    }

    @Test(arguments: StoreKind.allCases) func protectedFieldsAndUnknownOrForeignDemandes(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let a = try await h.device("GRE01")
        let b = try await h.device("ECH01")
        let demande = Fixtures.demande()
        try await h.app().test(.router) { client in
            _ = try await client.push(a, [a.command(.registerDemande(RegisterDemande(demande: demande, depot: Jour(2026, 3, 14)!)))])
            let protected = UpdateDemande(demandeId: demande.id, baseVersion: 1, changes: [FieldChange(path: "statut", old: .string("enregistree"), new: .string("attribuee"))])
            #expect(try await client.push(a, [a.command(.updateDemande(protected))]).decode(PushResponse.self).outcomes.first?.rejection?.code == "champProtege")
            let unknown = UpdateDemande(demandeId: UUID(), baseVersion: 1, changes: [])
            #expect(try await client.push(a, [a.command(.updateDemande(unknown))]).decode(PushResponse.self).outcomes.first?.rejection?.code == "demandeInconnue")
            // Another guichet does not see it until it fetches it by numéro unique.
            let foreign = UpdateDemande(demandeId: demande.id, baseVersion: 1, changes: [FieldChange(path: "precisions", old: .null, new: .string("y"))])
            #expect(try await client.push(b, [b.command(.updateDemande(foreign))]).decode(PushResponse.self).outcomes.first?.rejection?.code == "horsPerimetre")
        }
    }

    @Test(arguments: StoreKind.allCases) func aClockFarAheadIsRecordedAndFlagged(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("GRE01")
        try await h.app().test(.router) { client in
            let ahead = device.command(.recordAccueil(RecordAccueil(accueil: device.accueil())), skewMillis: 86_400_000)
            let r = try await client.push(device, [ahead]).decode(PushResponse.self)
            #expect(r.outcomes.first?.status == .applied)
        }
        let row = try #require(try await h.store.read { tx in try tx.device(id: device.id) })
        #expect(row.clockFlaggedAt != nil)
        #expect((row.clockSkewMillis ?? 0) >= 86_000_000)
    }

    @Test(arguments: StoreKind.allCases) func accueilMustBeDeclaredAtTheDevicesGuichet(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("GRE01")
        let accueil = {
            var a = device.accueil()
            a.guichetCode = "ECH01"
            return a
        }()
        try await h.app().test(.router) { client in
            let r = try await client.push(device, [device.command(.recordAccueil(RecordAccueil(accueil: accueil)))]).decode(PushResponse.self)
            #expect(r.outcomes.first?.rejection?.code == "guichetIncoherent")
            let unknown = device.accueil(numeroUnique: try NumeroUnique("038032699999" + "9GRE01"))
            let r2 = try await client.push(device, [device.command(.recordAccueil(RecordAccueil(accueil: unknown)))]).decode(PushResponse.self)
            #expect(r2.outcomes.first?.rejection?.code == "demandeInconnue")
        }
    }
}

@Suite struct PoisonCommandTests {
    /// A command reusing an existing id is refused, not a 500 that would block the device's queue forever.
    @Test(arguments: StoreKind.allCases) func duplicateAccueilIdIsRejectedAndTheQueueMoves(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("GRE01")
        let accueil = device.accueil()
        try await h.app().test(.router) { client in
            let r = try await client.push(device, [
                device.command(.recordAccueil(RecordAccueil(accueil: accueil))),
                device.command(.recordAccueil(RecordAccueil(accueil: accueil))),
                device.command(.recordAccueil(RecordAccueil(accueil: device.accueil(.appel)))),
            ])
            #expect(r.status == .ok)
            let response = try r.decode(PushResponse.self)
            #expect(response.outcomes.map(\.status) == [.applied, .rejected, .applied])
            #expect(response.outcomes[1].rejection?.code == "identifiantDejaUtilise")
            #expect(response.lastApplied == 3)
        }
    }

    /// A guichet that opens a demande by numéro unique also receives the pièces attached earlier elsewhere.
    @Test(arguments: StoreKind.allCases) func scopeEntryCarriesEarlierPieces(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let gre = try await h.device("GRE01")
        let ech = try await h.device("ECH01")
        let demande = Fixtures.demande()
        let bytes: [UInt8] = Array(repeating: 5, count: 100)
        let sha = PieceTests.sha(bytes)
        try await h.app().test(.router) { client in
            let reg = try await client.push(gre, [gre.command(.registerDemande(RegisterDemande(demande: demande, depot: Jour(2026, 3, 14)!)))])
            let nur = try #require(try reg.decode(PushResponse.self).outcomes.first?.applied?.numeroUnique)
            var headers = HTTPFields()
            headers[HTTPField.Name("Upload-Offset")!] = "0"
            headers[HTTPField.Name("Upload-Length")!] = "100"
            _ = try await client.call(.patch, "/v1/pieces/\(sha)", device: gre, raw: ByteBuffer(bytes: bytes), headers: headers)
            _ = try await client.push(gre, [gre.command(.attachPiece(AttachPiece(pieceId: UUID.v7(), demande: DemandeRef(id: demande.id), type: .pieceIdentite,
                personne: .demandeur, sha256: sha, taille: 100, mediaType: "image/png", recueLe: h.clock.now())))])
            _ = try await client.call(.get, "/v1/demandes/\(nur.valeur)", device: ech)
            let changes = try await client.pullAll(ech).changes
            #expect(changes.contains { if case .piece(let p) = $0.body { p.sha256 == sha } else { false } })
            #expect(try await client.call(.get, "/v1/pieces/\(sha)", device: ech).status == .ok)
        }
    }
}

/// Findings of the API fuzzing (scripts/fuzz-api.sh), kept as regression tests: each once crashed the server or
/// answered 500.
@Suite struct FuzzRegressionTests {
    @Test func anAmountBeyondTheBoundIsAMalformedRequestNotACrash() throws {
        for texte in ["92233720368547759", "-9223372036854775808", "1e308", "-2.8462414331494214e+17", "1000000000000"] {
            #expect(throws: DecodingError.self, "\(texte)") { try WireCoding.decoder.decode(Euros.self, from: Data(texte.utf8)) }
        }
        #expect(try WireCoding.decoder.decode(Euros.self, from: Data("999999999999".utf8)).centimes == 99_999_999_999_900)
    }

    @Test(arguments: StoreKind.allCases) func anImpossibleStampIsRefusedWholeAndAppliesNothing(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("GRE01")
        try await h.app().test(.router) { client in
            var command = device.command(.recordAccueil(RecordAccueil(accueil: device.accueil())))
            command.hlc = HLCStamp(wallMillis: .min, counter: 0, device: device.id)
            let r = try await client.push(device, [command])
            #expect(r.status == .badRequest)
            #expect(r.problem?.code == "malformedRequest")
            #expect(r.problem?.detail.contains("Horodatage invalide") == true)
        }
        #expect(try await h.store.read { tx in try tx.device(id: device.id)?.lastApplied } == 0)
    }

    @Test(arguments: StoreKind.allCases) func aChangeWithABadPathOrValueIsRefusedAndRecordsNoConflict(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let device = try await h.device("GRE01")
        let staff = try await h.device("GAM01", niveau: .trois, type: .metropole)
        let d = Fixtures.demande()
        try await h.app().test(.router) { client in
            _ = try await client.push(device, [device.command(.registerDemande(RegisterDemande(demande: d, depot: Jour(2026, 3, 14)!)))])
            for path in ["", ".", "9/ð", "coDemandeurs[]", "demandeur..nomUsage", "coDemandeurs[99999999999999999999999]"] {
                let change = FieldChange(path: path, old: .null, new: .number(1))
                let r = try await client.push(device, [device.command(.updateDemande(UpdateDemande(demandeId: d.id, baseVersion: 1, changes: [change])))])
                #expect(try r.decode(PushResponse.self).outcomes.first?.rejection?.code == "validation", "« \(path) »")
            }
            // A stale old value with a value of the wrong type: refused, not recorded as a conflict staff cannot apply.
            let change = FieldChange(path: "enfantsANaitre", old: .number(7), new: .string("beaucoup"))
            let r = try await client.push(device, [device.command(.updateDemande(UpdateDemande(demandeId: d.id, baseVersion: 1, changes: [change])))])
            #expect(try r.decode(PushResponse.self).outcomes.first?.rejection?.code == "validation")
            #expect(try await client.call(.get, "/v1/conflicts", device: staff).decode([ConflictRecord].self).isEmpty)
        }
    }
}
