import Foundation
import GuichetDomain
import GuichetProtocol
import HTTPTypes
import Hummingbird

/// Offers and matching: métropole staff and bailleurs only; a bailleur sees and manages its own offers.
struct OffreRoutes {
    let offres: OffreService

    struct StatutRequest: Codable { var statut: StatutOffre }
    struct DesignationRequest: Codable { var demandes: [UUID] }

    func addRoutes(to group: RouterGroup<GuichetRequestContext>) {
        group.get("offres") { _, context in
            let (_, bailleur) = try Self.role(context, .publierOffre)
            return try jsonResponse(try await offres.offres(bailleur: bailleur))
        }
        group.post("offres") { request, context in
            let (device, bailleur) = try Self.role(context, .publierOffre)
            var saisie = try await decodeBody(OffreImportee.self, from: request, limit: 64 << 10)
            if let bailleur { saisie.bailleur = bailleur }
            let problemes = ImportOffres.analyser(Self.csv(saisie), bailleur: saisie.bailleur, referentiel: offres.referentiel, au: offres.jour).erreurs
            guard problemes.isEmpty else {
                throw Problem(.validationFailed, detail: problemes.map { "\($0.colonne) : \($0.message)" }.joined(separator: " ; "))
            }
            return try jsonResponse(try await offres.publier(saisie, par: "device:\(device.device.id)"), status: .created)
        }
        group.post("offres/import") { request, context in
            let (device, bailleur) = try Self.role(context, .publierOffre)
            guard let owner = bailleur ?? request.uri.queryParameters.get("bailleur") else {
                throw Problem(.malformedRequest, detail: "Paramètre « bailleur » (code du guichet bailleur) obligatoire pour la métropole.")
            }
            var request = request
            let body = try await request.collectBody(upTo: 8 << 20)
            let partiel = request.uri.queryParameters.get("partial") == "true"
            let rapport = try await offres.importer(csv: String(buffer: body), bailleur: owner, partiel: partiel, par: "device:\(device.device.id)")
            return try jsonResponse(rapport, status: rapport.rien ? .unprocessableContent : .ok)
        }
        group.post("offres/{id}/statut") { request, context in
            let (device, bailleur) = try Self.role(context, .publierOffre)
            let body = try await decodeBody(StatutRequest.self, from: request, limit: 4096)
            return try jsonResponse(try await offres.changerStatut(try Self.id(context), vers: body.statut, par: "device:\(device.device.id)", bailleur: bailleur))
        }
        group.get("offres/{id}/candidats") { request, context in
            let (_, bailleur) = try Self.role(context, .designerCandidats)
            let limite = Int(try SyncRoutes.integer(request, "limit", default: 3))
            return try jsonResponse(try await offres.candidats(try Self.id(context), limite: limite, bailleur: bailleur))
        }
        group.get("offres/{id}/pourquoi-pas/{numeroUnique}") { _, context in
            let (_, bailleur) = try Self.role(context, .designerCandidats)
            let nur = try context.parameters.require("numeroUnique")
            return try jsonResponse(try await offres.pourquoiPas(try Self.id(context), numeroUnique: nur, bailleur: bailleur))
        }
        group.post("offres/{id}/designations") { request, context in
            let (device, bailleur) = try Self.role(context, .designerCandidats)
            let body = try await decodeBody(DesignationRequest.self, from: request, limit: 64 << 10)
            return try jsonResponse(try await offres.designer(try Self.id(context), demandes: body.demandes, par: "device:\(device.device.id)", bailleur: bailleur))
        }
        group.get("demandes/{numeroUnique}/cotation") { _, context in
            _ = try Self.role(context, .designerCandidats)
            return try jsonResponse(try await offres.information(numeroUnique: try context.parameters.require("numeroUnique")))
        }
    }

    /// The device, and its bailleur code when it is a bailleur (nil for métropole staff, who see every offer).
    static func role(_ context: GuichetRequestContext, _ action: Action) throws -> (DeviceContext, String?) {
        let device = try context.requireDevice()
        guard Permissions.autorise(action, pour: device.guichet), device.guichet.type == .bailleur || device.guichet.type == .metropole else {
            throw Problem(.forbidden, detail: "Réservé à la métropole et aux bailleurs.")
        }
        return (device, device.guichet.type == .bailleur ? device.guichet.code : nil)
    }

    static func id(_ context: GuichetRequestContext) throws -> UUID {
        guard let id = UUID(uuidString: try context.parameters.require("id")) else { throw Problem(.malformedRequest, detail: "Identifiant d'offre invalide.") }
        return id
    }

    /// One offer as a CSV line, to validate an API publication with exactly the import's rules.
    static func csv(_ o: OffreImportee) -> String {
        let header = "reference;rpls;commune_insee;adresse;typologie;surface;loyer;charges;financement;etage;ascenseur;accessibilite;disponible_le;reservataire"
        func q(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        // Sign apart: -0.05 € must stay negative (and be refused), not become 0.05 €.
        let euros = { (e: Euros) in
            let c = e.centimes.magnitude
            return (e.centimes < 0 ? "-" : "") + "\(c / 100)." + (c % 100 < 10 ? "0" : "") + "\(c % 100)"
        }
        let line = [q(o.referenceBailleur), q(o.rpls ?? ""), o.communeInsee, q(o.adresse), o.typologie.rawValue, String(o.surface), euros(o.loyer),
                    euros(o.charges), o.financement.rawValue, String(o.etage), o.ascenseur ? "oui" : "non", o.accessibilite.rawValue,
                    o.disponibleLe.description, o.reservataire.rawValue].joined(separator: ";")
        return header + "\n" + line + "\n"
    }
}
