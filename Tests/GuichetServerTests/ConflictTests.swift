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

@Suite struct ConflictTests {
    /// Two guichets edit the same field of one demande offline: the first to arrive wins, the second is recorded as
    /// a conflict that both guichets are told about and staff can resolve. Other fields apply normally.
    @Test(arguments: StoreKind.allCases) func sameFieldEditedOfflineByTwoGuichets(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let gre = try await h.device("GRE01")
        let ech = try await h.device("ECH01")
        let staff = try await h.device("GAM01", niveau: .trois, type: .metropole)
        let demande = Fixtures.demande()
        try await h.app().test(.router) { client in
            let reg = try await client.push(gre, [gre.command(.registerDemande(RegisterDemande(demande: demande, depot: Jour(2026, 3, 14)!)))])
            let nur = try #require(try reg.decode(PushResponse.self).outcomes.first?.applied?.numeroUnique)
            // ECH01 receives the demandeur and opens the demande by numéro unique.
            #expect(try await client.call(.get, "/v1/demandes/\(nur.valeur)", device: ech).status == .ok)

            // Both edit the phone number offline from the same old value; ECH01 also edits the address.
            let old = JSONValue.string("0476000000")
            let a = gre.command(.updateDemande(UpdateDemande(demandeId: demande.id, baseVersion: 1, changes: [
                FieldChange(path: "coordonnees.telephone", old: old, new: .string("0611111111"))])), agent: "alice")
            let b = ech.command(.updateDemande(UpdateDemande(demandeId: demande.id, baseVersion: 1, changes: [
                FieldChange(path: "coordonnees.telephone", old: old, new: .string("0622222222")),
                FieldChange(path: "coordonnees.adresse", old: .string("12 rue des Alpes"), new: .string("3 place Verdun"))])), agent: "bob")
            let ra = try await client.push(gre, [a]).decode(PushResponse.self)
            #expect(ra.outcomes.first?.conflicts.isEmpty == true)
            let rb = try await client.push(ech, [b]).decode(PushResponse.self)
            let outcome = try #require(rb.outcomes.first)
            #expect(outcome.status == .applied)
            let notice = try #require(outcome.conflicts.first)
            #expect(notice.path == "coordonnees.telephone")
            #expect(notice.serverValue == .string("0611111111"))
            #expect(notice.proposedValue == .string("0622222222"))
            #expect(notice.keptFrom?.guichet == "GRE01")
            #expect(notice.keptFrom?.agent == "alice")
            #expect(notice.proposedBy.guichet == "ECH01")
            #expect(notice.proposedBy.agent == "bob")

            // The server kept its value and applied the untouched field.
            let state = try #require(try await h.store.read { tx in try tx.demande(id: demande.id) })
            #expect(state.demande.coordonnees.telephone == "0611111111")
            #expect(state.demande.coordonnees.adresse == "3 place Verdun")
            #expect(state.version == 3)

            // Both guichets learn of it through their stream.
            for device in [gre, ech] {
                let changes = try await client.pullAll(device).changes
                #expect(changes.contains { if case .conflict(let c) = $0.body { c.conflictId == notice.conflictId } else { false } })
            }

            // Staff list and resolve it; a non-staff device may not.
            #expect(try await client.call(.get, "/v1/conflicts", device: gre).status == .forbidden)
            let list = try await client.call(.get, "/v1/conflicts", device: staff).decode([ConflictRecord].self)
            #expect(list.map(\.notice.conflictId) == [notice.conflictId])
            struct Body: Encodable { var resolution: ConflictResolution }
            let resolved = try await client.call(.post, "/v1/conflicts/\(notice.conflictId.uuidString)/resolve", device: staff,
                                                 json: Body(resolution: .applyProposed))
            #expect(resolved.status == .ok)
            let again = try await client.call(.post, "/v1/conflicts/\(notice.conflictId.uuidString)/resolve", device: staff,
                                              json: Body(resolution: .keepServer))
            #expect(again.problem?.code == "conflictAlreadyResolved")
        }
        let final = try #require(try await h.store.read { tx in try tx.demande(id: demande.id) })
        #expect(final.demande.coordonnees.telephone == "0622222222")
        #expect(try await h.sync.conflicts(includeResolved: false).isEmpty)
    }

    @Test(arguments: StoreKind.allCases) func motifsMergeByUnion(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let gre = try await h.device("GRE01")
        let staff = try await h.device("GAM01", niveau: .trois, type: .metropole)
        let demande = Fixtures.demande()
        try await h.app().test(.router) { client in
            _ = try await client.push(gre, [gre.command(.registerDemande(RegisterDemande(demande: demande, depot: Jour(2026, 3, 14)!)))])
            let old = try JSONValue(encoding: demande.normalisee().motifs)
            let addViolences = try JSONValue(encoding: (demande.motifs + [.violencesFamiliales]).sorted())
            let dropTropCher = try JSONValue(encoding: [Motif.logementTropPetit, .handicap].sorted())
            _ = try await client.push(gre, [gre.command(.updateDemande(UpdateDemande(demandeId: demande.id, baseVersion: 1, changes: [
                FieldChange(path: "motifs", old: old, new: addViolences)])))])
            let r = try await client.push(staff, [staff.command(.updateDemande(UpdateDemande(demandeId: demande.id, baseVersion: 1, changes: [
                FieldChange(path: "motifs", old: old, new: dropTropCher)])))]).decode(PushResponse.self)
            #expect(r.outcomes.first?.conflicts.isEmpty == true)
        }
        let final = try #require(try await h.store.read { tx in try tx.demande(id: demande.id) })
        #expect(final.demande.motifs == [.handicap, .logementTropPetit, .violencesFamiliales])
    }

    @Test(arguments: StoreKind.allCases) func onlyNiveauThreeQualifiesPriorities(_ kind: StoreKind) async throws {
        let h = try await Harness.make(kind)
        let gre = try await h.device("GRE01", niveau: .deux)
        let phs = try await h.device("PHS01", niveau: .trois)
        let demande = Fixtures.demande()
        try await h.app().test(.router) { client in
            _ = try await client.push(gre, [gre.command(.registerDemande(RegisterDemande(demande: demande, depot: Jour(2026, 3, 14)!)))])
            let nur = try await h.store.read { tx in try tx.demande(id: demande.id)?.demande.numeroUnique?.valeur }
            _ = try await client.call(.get, "/v1/demandes/\(nur!)", device: phs)
            let validated = try JSONValue(encoding: [PrioriteDeclaree(priorite: .violencesCouple, valideePar: "PHS01", valideeLe: Jour(2026, 3, 15)!)])
            let change = FieldChange(path: "priorites", old: .array([]), new: validated)
            let refused = try await client.push(gre, [gre.command(.updateDemande(UpdateDemande(demandeId: demande.id, baseVersion: 1, changes: [change])))])
            #expect(try refused.decode(PushResponse.self).outcomes.first?.rejection?.code == "niveauInsuffisant")
            let accepted = try await client.push(phs, [phs.command(.updateDemande(UpdateDemande(demandeId: demande.id, baseVersion: 1, changes: [change])))])
            #expect(try accepted.decode(PushResponse.self).outcomes.first?.status == .applied)
        }
    }
}

@Suite struct FieldMergeTests {
    @Test func appliesMatchingOldValuesAndReportsOthers() throws {
        let doc = JSONValue.object(["a": .string("1"), "b": .object(["c": .number(2)])])
        let r = try FieldMerge.merge(current: doc, changes: [
            FieldChange(path: "a", old: .string("1"), new: .string("x")),
            FieldChange(path: "b.c", old: .number(3), new: .number(4)),
            FieldChange(path: "b.d", old: .null, new: .bool(true)),
        ])
        #expect(r.merged[path: "a"] == .string("x"))
        #expect(r.merged[path: "b.c"] == .number(2))
        #expect(r.merged[path: "b.d"] == .bool(true))
        #expect(r.appliedPaths == ["a", "b.d"])
        #expect(r.conflicts.map(\.path) == ["b.c"])
    }

    @Test func sameNewValueIsNoConflict() throws {
        let doc = JSONValue.object(["a": .string("y")])
        let r = try FieldMerge.merge(current: doc, changes: [FieldChange(path: "a", old: .string("x"), new: .string("y"))])
        #expect(r.conflicts.isEmpty)
        #expect(r.appliedPaths.isEmpty)
    }

    @Test func removingAFieldSetsNull() throws {
        let doc = JSONValue.object(["a": .string("y"), "b": .number(1)])
        let r = try FieldMerge.merge(current: doc, changes: [FieldChange(path: "a", old: .string("y"), new: .null)])
        #expect(r.merged == .object(["b": .number(1)]))
    }

    @Test func impossiblePathsThrow() {
        let doc = JSONValue.object(["a": .array([.number(1)])])
        #expect(throws: JSONPathError.self) {
            try FieldMerge.merge(current: doc, changes: [FieldChange(path: "a[5]", old: .null, new: .number(2))])
        }
    }
}
