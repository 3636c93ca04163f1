import Foundation
import GuichetDomain
import Mustache

/// The HTML pages of the pilotage: the dashboard (`/pilotage`), its login page and the partners' monthly report.
///
/// Pages are Mustache templates (`Resources/pilotage/*.mustache`) filled with a view-model of ready-made French
/// strings: counts with a narrow no-break space between thousands (`12 345`), rates with a decimal comma and a
/// no-break space before the sign (`42,5 %`), dates DD/MM/YYYY, times in Europe/Paris. Templates escape every value
/// (`{{ }}`); only the SVG charts drawn by `GraphiqueSVG` are inserted raw (`{{{ }}}`).
///
/// Each headline figure that `GET /v1/indicateurs` also returns carries `data-indicateur="<JSON path>"` and
/// `data-valeur="<raw value>"` (integer as is, rate as a JSON number 0…1, empty when the JSON holds null), so a test
/// can compare the page with the JSON whatever the display format.
public struct RenduPilotage: Sendable {
    /// Templates a library must hold.
    public static let gabarits = ["tableau-de-bord", "connexion", "rapport-mensuel"]

    let library: MustacheLibrary

    /// Renders with templates already loaded (each of `gabarits`, and the partials they name).
    public init(library: MustacheLibrary) {
        self.library = library
    }

    /// Loads every `*.mustache` of `repertoire` (a template is named after its file, without the extension).
    /// - Throws: `ErreurRenduPilotage` when a template does not parse or one of `gabarits` is missing.
    public init(repertoire: String) throws {
        self.init(library: try Self.charger(repertoire: repertoire))
    }

    /// The templates shipped in the server's resources (`Resources/pilotage`).
    public static func standard() throws -> RenduPilotage {
        try RenduPilotage(repertoire: try repertoireStandard())
    }

    /// Path of `Resources/pilotage` in the module's bundle (`.copy("Resources")` keeps the folder itself).
    public static func repertoireStandard() throws -> String {
        guard let racine = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw ErreurRenduPilotage.repertoireIntrouvable("dossier Resources absent du bundle \(Bundle.module.bundlePath)")
        }
        return racine.appendingPathComponent("pilotage", isDirectory: true).path
    }

    /// Reads the templates of a folder (synchronously: the server and the CLI load them once at start).
    public static func charger(repertoire: String) throws -> MustacheLibrary {
        let fm = FileManager.default
        // A symbolic link to the folder is followed (the enumerator would not descend into it).
        let base = URL(fileURLWithPath: repertoire, isDirectory: true).resolvingSymlinksInPath()
        var estDossier: ObjCBool = false
        guard fm.fileExists(atPath: base.path, isDirectory: &estDossier), estDossier.boolValue,
            let enumerateur = fm.enumerator(atPath: base.path)
        else { throw ErreurRenduPilotage.repertoireIntrouvable(repertoire) }
        var library = MustacheLibrary()
        for case let chemin as String in enumerateur where chemin.hasSuffix(".mustache") {
            let url = base.appendingPathComponent(chemin)
            guard let donnees = fm.contents(atPath: url.path) else { throw ErreurRenduPilotage.repertoireIntrouvable(url.path) }
            do {
                try library.register(String(decoding: donnees, as: UTF8.self), named: String(chemin.dropLast(".mustache".count)))
            } catch {
                throw ErreurRenduPilotage.gabaritInvalide(fichier: url.path, detail: "\(error)")
            }
        }
        for nom in gabarits where library.getTemplate(named: nom) == nil {
            throw ErreurRenduPilotage.gabaritManquant(nom: nom, repertoire: repertoire)
        }
        return library
    }

    // MARK: - Pages

    /// The dashboard. `tri` sorts the per-guichet table (`visites`, `-visites` for descending; see `ColonneGuichet`);
    /// `maintenant` dates the network's health (a guichet silent for more than 7 days is highlighted).
    public func tableauDeBord(_ i: Indicateurs, guichets: [Guichet], utilisateur: String, csrf: String, tri: String?,
                              maintenant: Date = Date()) -> String {
        rendre(VueTableauDeBord(i, guichets: guichets, utilisateur: utilisateur, csrf: csrf, tri: tri, maintenant: maintenant),
               "tableau-de-bord")
    }

    /// The login page: `login`, `motDePasse` and the hidden `csrf`, posted to `/pilotage/connexion`.
    public func connexion(erreur: String?, login: String?, csrf: String) -> String {
        rendre(VueConnexion(erreur: erreur, login: login, csrf: csrf), "connexion")
    }

    /// The partners' monthly report (`mois` is "2026-10"): a standalone printable page, inline CSS and SVG only.
    public func rapportMensuel(_ i: Indicateurs, guichets: [Guichet], mois: String, genereLe: Date) -> String {
        rendre(VueRapport(i, guichets: guichets, mois: mois, genereLe: genereLe), "rapport-mensuel")
    }

    func rendre(_ vue: Any, _ gabarit: String) -> String {
        library.render(Self.contexte(vue), withTemplate: gabarit)
            ?? "<!DOCTYPE html><html lang=\"fr\"><meta charset=\"utf-8\"/><title>Erreur</title><p>Gabarit « \(gabarit) » introuvable.</p></html>"
    }

    /// The view-model as dictionaries and arrays, reflected once: Mustache then finds each name by a dictionary
    /// lookup instead of reflecting every enclosing struct again (ten times faster on a full dashboard). A nil
    /// optional is left out, so the name is looked up in the enclosing objects, as Mustache does for a missing key.
    static func contexte(_ valeur: Any) -> Any {
        let miroir = Mirror(reflecting: valeur)
        switch miroir.displayStyle {
        case .struct?, .class?:
            var d: [String: Any] = [:]
            for enfant in miroir.children {
                guard let nom = enfant.label else { continue }
                let m = Mirror(reflecting: enfant.value)
                if m.displayStyle == .optional {
                    guard let v = m.children.first?.value else { continue }
                    d[nom] = contexte(v)
                } else {
                    d[nom] = contexte(enfant.value)
                }
            }
            return d
        case .collection?:
            return miroir.children.map { contexte($0.value) }
        default:
            return valeur
        }
    }
}

/// Why the templates could not be loaded, with a French message.
public enum ErreurRenduPilotage: Error, Sendable, Hashable, CustomStringConvertible {
    case repertoireIntrouvable(String)
    case gabaritManquant(nom: String, repertoire: String)
    case gabaritInvalide(fichier: String, detail: String)

    public var description: String {
        switch self {
        case let .repertoireIntrouvable(r): "Gabarits du tableau de bord introuvables : \(r)"
        case let .gabaritManquant(nom, r): "Gabarit « \(nom).mustache » absent de \(r)"
        case let .gabaritInvalide(f, d): "Gabarit illisible \(f) : \(d)"
        }
    }
}

// MARK: - French formatting

enum FormatFR {
    /// Between groups of thousands (CLDR fr): narrow no-break space.
    static let separateurMilliers = "\u{202F}"
    /// Before "%" and units.
    static let insecable = "\u{00A0}"
    static let nomsMois = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]

    static func entier(_ n: Int) -> String { entier(Int64(n)) }

    static func entier(_ n: Int64) -> String {
        let chiffres = String(n.magnitude)
        var groupes: [Substring] = []
        var fin = chiffres.endIndex
        while fin > chiffres.startIndex {
            let debut = chiffres.index(fin, offsetBy: -3, limitedBy: chiffres.startIndex) ?? chiffres.startIndex
            groupes.insert(chiffres[debut..<fin], at: 0)
            fin = debut
        }
        return (n < 0 ? "−" : "") + groupes.joined(separator: separateurMilliers)
    }

    /// `3,2` (rounded half away from zero); thousands grouped unless `groupes` is false (CSV).
    static func decimal(_ x: Double, chiffres: Int = 1, groupes: Bool = true) -> String {
        guard x.isFinite else { return "" }
        var facteur = 1.0
        for _ in 0..<chiffres { facteur *= 10 }
        let arrondi = Int64((abs(x) * facteur).rounded())
        let entiere = arrondi / Int64(facteur), fraction = arrondi % Int64(facteur)
        var s = groupes ? entier(entiere) : String(entiere)
        if chiffres > 0 {
            let f = String(fraction)
            s += "," + String(repeating: "0", count: chiffres - f.count) + f
        }
        return (x < 0 && arrondi != 0 ? (groupes ? "−" : "-") : "") + s
    }

    /// A rate 0…1 as `42,5 %`; "—" when unknown.
    static func pourcentage(_ x: Double?, chiffres: Int = 1) -> String {
        guard let x, x.isFinite else { return "—" }
        return decimal(x * 100, chiffres: chiffres) + insecable + "%"
    }

    static func jours(_ n: Int?) -> String {
        guard let n else { return "—" }
        return entier(n) + insecable + (abs(n) > 1 ? "jours" : "jour")
    }

    static func calendrier() -> Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = .paris
        return c
    }

    /// `05/11/2026 à 10:32` (Europe/Paris).
    static func dateHeure(_ d: Date) -> String {
        let c = calendrier().dateComponents([.year, .month, .day, .hour, .minute], from: d)
        return String(format: "%02d/%02d/%04d à %02d:%02d", c.day ?? 0, c.month ?? 0, c.year ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// `05/11/2026 10:32` (Europe/Paris), for CSV.
    static func dateHeureCourte(_ d: Date) -> String {
        let c = calendrier().dateComponents([.year, .month, .day, .hour, .minute], from: d)
        return String(format: "%02d/%02d/%04d %02d:%02d", c.day ?? 0, c.month ?? 0, c.year ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    /// "2026-10" → "octobre 2026" (the text itself when it is not a month).
    static func mois(_ iso: String) -> String {
        guard let j = Jour(iso: iso + "-01") else { return iso }
        return mois(j)
    }

    static func mois(_ j: Jour) -> String { nomsMois[j.mois - 1] + " " + String(j.annee) }

    /// "il y a 3 jours", "il y a 2 heures", "à l'instant".
    static func anciennete(depuis d: Date, maintenant: Date) -> String {
        let s = maintenant.timeIntervalSince(d)
        if s < 60 { return "à l'instant" }
        let minutes = Int(s / 60), heures = Int(s / 3600), jours = Int(s / 86400)
        if jours >= 1 { return "il y a \(entier(jours))\(insecable)jour\(jours > 1 ? "s" : "")" }
        if heures >= 1 { return "il y a \(heures)\(insecable)heure\(heures > 1 ? "s" : "")" }
        return "il y a \(minutes)\(insecable)minute\(minutes > 1 ? "s" : "")"
    }

    /// Key to sort French text: case and accents ignored.
    static func cleTri(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
    }
}

// MARK: - Labels shared by the pages and the CSV files

enum Libelles {
    /// The métropole's communes, for names (codes stay when the referential cannot be read).
    static let referentiel: ReferentielCommunes? = try? ReferentielCommunes.chargerMetropole()

    /// Name of an INSEE code, the code itself outside the referential, "Non renseignée" for "?".
    static func commune(_ insee: String) -> String {
        if insee == "?" || insee.isEmpty { return "Non renseignée" }
        return referentiel?.commune(insee: insee)?.nom ?? insee
    }

    static func typologie(_ code: String) -> String {
        switch code {
        case "?", "": "Non renseignée"
        case Typologie.chambre.rawValue: "Chambre"
        default: code
        }
    }

    static func motif(_ code: String) -> String {
        guard let m = MotifRadiation(rawValue: code) else { return code }
        let l = m.libelle
        return l.prefix(1).uppercased() + l.dropFirst()
    }

    static func pas(_ p: RequetePilotage.Pas) -> String {
        switch p {
        case .jour: "par jour"
        case .semaine: "par semaine"
        case .mois: "par mois"
        }
    }

    /// Index of the first delay band past the legal month (`Delais.libellesTranches`: "31 à 45 j").
    static let premiereTrancheHorsDelai = 3

    /// Guichet names by code: the network list, then the figures' own tables.
    static func nomsGuichets(_ i: Indicateurs, guichets: [Guichet]) -> [String: String] {
        var noms: [String: String] = [:]
        for s in i.reseau { noms[s.code] = s.nom }
        for l in i.parGuichet { noms[l.code] = l.nom }
        for g in guichets { noms[g.code] = g.nom }
        return noms
    }

    /// "Nom (CODE)", or the code alone.
    static func guichet(_ code: String, _ noms: [String: String]) -> String {
        noms[code].map { "\($0) (\(code))" } ?? code
    }

    /// French list: "A", "A et B", "A, B et C".
    static func liste(_ elements: [String]) -> String {
        guard elements.count > 1 else { return elements.first ?? "" }
        return elements.dropLast().joined(separator: ", ") + " et " + elements.last!
    }

    struct Radiation {
        var code: String
        var libelle: String
        var nombre: Int
    }

    /// Every motif in the order of the closed list, then any unknown code.
    static func radiations(_ i: Indicateurs) -> [Radiation] {
        var r = MotifRadiation.allCases.map { Radiation(code: $0.rawValue, libelle: motif($0.rawValue), nombre: i.demandes.radiees[$0.rawValue] ?? 0) }
        for (code, n) in i.demandes.radiees.sorted(by: { $0.key < $1.key }) where MotifRadiation(rawValue: code) == nil {
            r.append(Radiation(code: code, libelle: code, nombre: n))
        }
        return r
    }

    /// A figure of `Indicateurs` with its JSON path, raw value and French display.
    struct Indicateur {
        var chemin: String
        var libelle: String
        /// For `data-valeur`: the JSON value (integer, or number 0…1), empty for null.
        var brut: String
        var affiche: String
        var cellule: CSVPilotage.Cellule
        var unite: String

        static func compte(_ chemin: String, _ libelle: String, _ n: Int, unite: String = "") -> Indicateur {
            Indicateur(chemin: chemin, libelle: libelle, brut: String(n), affiche: FormatFR.entier(n), cellule: .entier(n), unite: unite)
        }

        static func jours(_ chemin: String, _ libelle: String, _ n: Int?) -> Indicateur {
            Indicateur(chemin: chemin, libelle: libelle, brut: n.map(String.init) ?? "", affiche: FormatFR.jours(n),
                       cellule: n.map(CSVPilotage.Cellule.entier) ?? .vide, unite: "jours")
        }

        static func taux(_ chemin: String, _ libelle: String, _ x: Double?) -> Indicateur {
            Indicateur(chemin: chemin, libelle: libelle, brut: x.map { "\($0)" } ?? "", affiche: FormatFR.pourcentage(x), cellule: .taux(x), unite: "%")
        }

        static func ratio(_ chemin: String, _ libelle: String, _ x: Double?, unite: String) -> Indicateur {
            Indicateur(chemin: chemin, libelle: libelle, brut: x.map { "\($0)" } ?? "", affiche: x.map { FormatFR.decimal($0, chiffres: 1) } ?? "—",
                       cellule: .decimal(x, chiffres: 2), unite: unite)
        }
    }

    /// Every figure of `Indicateurs` that has a JSON path, in the dashboard's order.
    static func synthese(_ i: Indicateurs) -> [Indicateur] {
        let a = i.accueil, d = i.demandes, s = i.stock, o = i.offres, q = i.qualite
        let moisSuivant = FormatFR.mois(i.requete.au.ajoutant(mois: 1))
        var liste: [Indicateur] = [
            Indicateur(chemin: "arreteALaSequence", libelle: "Chiffres arrêtés à la séquence", brut: String(i.arreteALaSequence),
                       affiche: FormatFR.entier(i.arreteALaSequence), cellule: .texte(String(i.arreteALaSequence)), unite: ""),
            .compte("accueil.visites", "Visites", a.visites),
            .compte("accueil.appels", "Appels téléphoniques", a.appels),
            .compte("accueil.rendezVous", "Rendez-vous", a.rendezVous),
            .compte("accueil.orientationsNiveau3", "Orientations vers un accueil de niveau 3", a.orientationsNiveau3),
            .compte("accueil.pmr", "Signalements de ménages à mobilité réduite (PMR)", a.pmr),
            .compte("accueil.prioritesBloquees", "Signalements de situations prioritaires bloquées", a.prioritesBloquees),
            .compte("demandes.enregistrees", "Demandes enregistrées", d.enregistrees),
            .compte("demandes.renouvelees", "Demandes renouvelées", d.renouvelees),
            .compte("demandes.modifiees", "Demandes modifiées", d.modifiees),
            .compte("demandes.piecesRecues", "Pièces justificatives reçues", d.piecesRecues),
        ]
        for r in radiations(i) { liste.append(.compte("demandes.radiees." + r.code, "Radiations : " + r.libelle.lowercased(), r.nombre)) }
        liste += [
            .compte("demandes.delaiEnregistrement.nombre", "Enregistrements dont le délai depuis le dépôt est connu", d.delaiEnregistrement.nombre),
            .jours("demandes.delaiEnregistrement.medianeJours", "Délai médian entre dépôt et enregistrement", d.delaiEnregistrement.medianeJours),
            .jours("demandes.delaiEnregistrement.p90Jours", "Délai au 9e décile entre dépôt et enregistrement", d.delaiEnregistrement.p90Jours),
            .taux("demandes.delaiEnregistrement.partHorsDelai", "Part enregistrée au-delà du délai légal d'un mois", d.delaiEnregistrement.partHorsDelai),
            .compte("demandes.delaiPremierRendezVous.nombre", "Premiers rendez-vous tenus après l'enregistrement", d.delaiPremierRendezVous.nombre),
            .jours("demandes.delaiPremierRendezVous.medianeJours", "Délai médian entre enregistrement et premier rendez-vous", d.delaiPremierRendezVous.medianeJours),
            .jours("demandes.delaiPremierRendezVous.p90Jours", "Délai au 9e décile entre enregistrement et premier rendez-vous", d.delaiPremierRendezVous.p90Jours),
            .taux("demandes.delaiPremierRendezVous.partHorsDelai", "Part des premiers rendez-vous au-delà d'un mois", d.delaiPremierRendezVous.partHorsDelai),
            .compte("stock.actives", "Demandes actives au \(i.requete.au.affichage)", s.actives),
            .compte("stock.renouvellementsMoisSuivant", "Renouvellements à échéance en \(moisSuivant)", s.renouvellementsMoisSuivant),
            .taux("stock.tauxCompletude", "Taux de complétude des dossiers", s.tauxCompletude),
            .compte("stock.sansPropositionSixMois", "Demandes sans proposition depuis plus de 6 mois", s.sansPropositionSixMois),
            .compte("offres.publiees", "Offres publiées", o.publiees),
            .compte("offres.avecCandidats", "Offres avec au moins un candidat désigné", o.avecCandidats),
            .compte("offres.attribuees", "Logements attribués", o.attribuees),
            .taux("offres.tauxCouverture", "Taux de couverture des offres publiées", o.tauxCouverture),
            .ratio("offres.tension", "Tension (demandes actives par attribution sur 12 mois)", o.tension, unite: "demandes par attribution"),
            .compte("offres.attributionsDouzeMois", "Attributions sur les 12 derniers mois", o.attributionsDouzeMois),
            .compte("qualite.sansRevenuFiscal", "Demandes actives sans revenu fiscal de référence", q.sansRevenuFiscal),
            .compte("qualite.doublonsSuspects", "Doublons suspects parmi les demandes actives", q.doublonsSuspects),
        ]
        return liste
    }
}

// MARK: - Sorting the per-guichet table

/// A column of the per-guichet table; the raw value is the `tri` parameter (`-` in front for descending).
enum ColonneGuichet: String, CaseIterable, Sendable {
    case nom, code, commune, niveau, visites, appels, rendezVous, enregistrees, renouvelees, modifiees, radiees, piecesRecues,
        delaiMedianJours, stockActif, sansPropositionSixMois

    var libelle: String {
        switch self {
        case .nom: "Guichet"
        case .code: "Code"
        case .commune: "Commune"
        case .niveau: "Niveau"
        case .visites: "Visites"
        case .appels: "Appels"
        case .rendezVous: "Rendez-vous"
        case .enregistrees: "Enregistrées"
        case .renouvelees: "Renouvelées"
        case .modifiees: "Modifiées"
        case .radiees: "Radiées"
        case .piecesRecues: "Pièces reçues"
        case .delaiMedianJours: "Délai médian"
        case .stockActif: "Demandes actives"
        case .sansPropositionSixMois: "Sans proposition > 6 mois"
        }
    }

    var numerique: Bool { ![.nom, .code, .commune].contains(self) }

    enum Cle: Comparable {
        case texte(String)
        case nombre(Int)
    }

    /// Sort key; nil (no delay measured) always sorts last.
    func cle(_ l: LigneGuichet) -> Cle? {
        switch self {
        case .nom: .texte(FormatFR.cleTri(l.nom))
        case .code: .texte(l.code)
        case .commune: .texte(FormatFR.cleTri(Libelles.commune(l.commune)))
        case .niveau: .nombre(l.niveau)
        case .visites: .nombre(l.visites)
        case .appels: .nombre(l.appels)
        case .rendezVous: .nombre(l.rendezVous)
        case .enregistrees: .nombre(l.enregistrees)
        case .renouvelees: .nombre(l.renouvelees)
        case .modifiees: .nombre(l.modifiees)
        case .radiees: .nombre(l.radiees)
        case .piecesRecues: .nombre(l.piecesRecues)
        case .delaiMedianJours: l.delaiMedianJours.map(Cle.nombre)
        case .stockActif: .nombre(l.stockActif)
        case .sansPropositionSixMois: .nombre(l.sansPropositionSixMois)
        }
    }

    /// Reads `tri` ("visites", "-visites"); an unknown column is nil.
    static func lire(_ tri: String?) -> (colonne: ColonneGuichet, descendant: Bool)? {
        guard var t = tri?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        let descendant = t.hasPrefix("-")
        if descendant { t.removeFirst() }
        guard let c = ColonneGuichet(rawValue: t) else { return nil }
        return (c, descendant)
    }

    /// The lines sorted by `tri` (by default: by code, ascending); ties by code. Returns the order applied.
    static func trier(_ lignes: [LigneGuichet], tri: String?) -> (lignes: [LigneGuichet], colonne: ColonneGuichet, descendant: Bool) {
        let (colonne, descendant) = lire(tri) ?? (.code, false)
        let triees = lignes.sorted { a, b in
            switch (colonne.cle(a), colonne.cle(b)) {
            case let (x?, y?):
                if x != y { return descendant ? x > y : x < y }
            case (nil, _?): return false
            case (_?, nil): return true
            case (nil, nil): break
            }
            return a.code < b.code
        }
        return (triees, colonne, descendant)
    }
}

// MARK: - View-model
//
// Plain structs of ready-made strings, turned into dictionaries by `RenduPilotage.contexte` (stored properties
// only). A Mustache name missing from the current object (or nil) is looked up in the enclosing ones: each
// optional field has a name used at one level only, so that a nil never picks up a value from an outer object.

struct VueChiffre {
    var libelle: String
    var valeur: String
    var indicateur: String?
    var brut: String
    var precision: String?
    var enAlerte = false

    init(_ x: Libelles.Indicateur, libelle: String? = nil, precision: String? = nil, enAlerte: Bool = false) {
        self.libelle = libelle ?? x.libelle
        valeur = x.affiche
        indicateur = x.chemin
        brut = x.brut
        self.precision = precision
        self.enAlerte = enAlerte
    }

    init(libelle: String, valeur: String, precision: String? = nil, enAlerte: Bool = false) {
        self.libelle = libelle
        self.valeur = valeur
        indicateur = nil
        brut = ""
        self.precision = precision
        self.enAlerte = enAlerte
    }
}

struct VueColonne {
    var libelle: String
    var numerique: Bool
    var lienTri: String?
    var ariaSort: String?
    var fleche: String?
    var aideTri: String?

    init(_ libelle: String, numerique: Bool = false) {
        self.libelle = libelle
        self.numerique = numerique
    }
}

struct VueCellule {
    var texte: String
    var droite: Bool
    var entete: Bool
    var alerteCellule: Bool
    var lienCellule: String?
    var sousTexte: String?
    var indicateurCellule: String?
    var brutCellule: String?

    init(_ texte: String, nombre: Bool = false, entete: Bool = false, alerte: Bool = false, lien: String? = nil, sousTexte: String? = nil,
         indicateur: Libelles.Indicateur? = nil) {
        self.texte = texte
        droite = nombre
        self.entete = entete
        alerteCellule = alerte
        lienCellule = lien
        self.sousTexte = sousTexte
        indicateurCellule = indicateur?.chemin
        brutCellule = indicateur?.brut
    }

    static func n(_ v: Int) -> VueCellule { VueCellule(FormatFR.entier(v), nombre: true) }

    /// The cell as HTML, every text escaped. Built in Swift rather than by a Mustache partial per cell: a
    /// dashboard of 200 guichets has thousands of cells, and the partial made rendering ten times slower.
    var html: String {
        let e = GraphiqueSVG.echapper
        var contenu = ""
        if let i = indicateurCellule {
            contenu = "<span data-indicateur=\"\(e(i))\" data-valeur=\"\(e(brutCellule ?? ""))\">\(e(texte))</span>"
        } else {
            contenu = e(texte)
        }
        if let l = lienCellule { contenu = "<a href=\"\(e(l))\">\(contenu)</a>" }
        if let s = sousTexte { contenu += "<span class=\"sous-texte\">\(e(s))</span>" }
        if alerteCellule { contenu = "<span class=\"alerte-texte\">\(contenu)</span>" }
        if entete { return "<th scope=\"row\">\(contenu)</th>" }
        return droite ? "<td class=\"nombre\">\(contenu)</td>" : "<td>\(contenu)</td>"
    }
}

struct VueLigne {
    /// The row's cells, rendered (`VueCellule.html`).
    var cellulesHTML: String
    var ligneAlerte = false
    var codeGuichet: String?
    var cleObjectif: String?

    init(cellules: [VueCellule], ligneAlerte: Bool = false, codeGuichet: String? = nil, cleObjectif: String? = nil) {
        cellulesHTML = cellules.map(\.html).joined()
        self.ligneAlerte = ligneAlerte
        self.codeGuichet = codeGuichet
        self.cleObjectif = cleObjectif
    }
}

struct VueTableau {
    var idTableau: String?
    var legende: String
    var legendeVisible = false
    var colonnes: [VueColonne]
    var lignes: [VueLigne]
    var pied: [VueLigne] = []
    var aPied = false
    var messageVide = "Aucune donnée sur la période."
    var nbColonnes: Int
    var defilant = false

    init(id: String? = nil, legende: String, colonnes: [VueColonne], lignes: [VueLigne], pied: [VueLigne] = [], defilant: Bool = false,
         vide: String = "Aucune donnée sur la période.") {
        idTableau = id
        self.legende = legende
        self.colonnes = colonnes
        self.lignes = lignes
        self.pied = pied
        aPied = !pied.isEmpty
        self.defilant = defilant
        messageVide = vide
        nbColonnes = colonnes.count
    }
}

/// A chart (optional) and its data table, with the link to the CSV of the same figures.
struct VueFigure {
    var idFigure: String
    var titreFigure: String
    var svg: String?
    var tableau: VueTableau
    var lienCSV: String?
    var noteFigure: String?
    var avecGraphique: Bool

    init(id: String, titre: String, svg: String? = nil, tableau: VueTableau, csv: String?, note: String? = nil) {
        idFigure = id
        titreFigure = titre
        self.svg = svg
        self.tableau = tableau
        lienCSV = csv
        noteFigure = note
        avecGraphique = svg != nil
    }
}

struct VueOption {
    var valeur: String
    var libelle: String
    var choisi: Bool
}

struct VueFiltres {
    var du: String
    var au: String
    var pas: [VueOption]
    var communes: [VueOption]
    var niveaux: [VueOption]
    var guichets: [VueOption]
    var triActuel: String?
}

struct VueProvisoire {
    var lignesProvisoire: [String]
}

struct VueSommaire {
    var ancre: String
    var intitule: String
}

/// Figures and tables common to the dashboard and the monthly report.
struct ElementsPilotage {
    let i: Indicateurs
    let noms: [String: String]
    let requete: String
    let synthese: [String: Libelles.Indicateur]

    init(_ i: Indicateurs, guichets: [Guichet]) {
        self.i = i
        noms = Libelles.nomsGuichets(i, guichets: guichets)
        requete = Lien.requete(i.requete.parametres)
        synthese = Dictionary(Libelles.synthese(i).map { ($0.chemin, $0) }, uniquingKeysWith: { a, _ in a })
    }

    subscript(_ chemin: String) -> Libelles.Indicateur { synthese[chemin]! }

    func chiffre(_ chemin: String, libelle: String? = nil, precision: String? = nil, enAlerte: Bool = false) -> VueChiffre {
        VueChiffre(self[chemin], libelle: libelle, precision: precision, enAlerte: enAlerte)
    }

    func csv(_ t: TableCSV) -> String { "/pilotage/csv/\(t.rawValue)?\(requete)" }

    var periode: String {
        let r = i.requete
        return r.du == r.au ? "le \(r.du.affichage)" : "du \(r.du.affichage) au \(r.au.affichage)"
    }

    /// "Commune : Échirolles · Niveau 2 · Guichet : Mairie (ECH01)", nil without filter.
    var filtresActifs: String? {
        var f: [String] = []
        if let c = i.requete.commune { f.append("commune : \(Libelles.commune(c))") }
        if let n = i.requete.niveau { f.append("niveau \(n.rawValue)") }
        if let g = i.requete.guichet { f.append("guichet : \(Libelles.guichet(g, noms))") }
        return f.isEmpty ? nil : "Filtres : " + f.joined(separator: " · ")
    }

    var provisoire: VueProvisoire? {
        guard i.provisoire else { return nil }
        return VueProvisoire(lignesProvisoire: i.moisProvisoires.map { m in
            let mois = FormatFR.mois(m.mois)
            let titre = mois.prefix(1).uppercased() + mois.dropFirst()
            if m.enCours || m.guichetsEnAttente.isEmpty {
                return "\(titre) : le mois n'est pas terminé, ses chiffres évolueront jusqu'à sa clôture."
            }
            let g = m.guichetsEnAttente.map { Libelles.guichet($0, noms) }
            return "\(titre) : \(Libelles.liste(g)) \(g.count > 1 ? "n'ont" : "n'a") pas synchronisé depuis la fin du mois."
        })
    }

    /// The objectives with their target, value and whether they are reached.
    var objectifs: VueFigure {
        VueFigure(id: "objectifs-periode", titre: "Objectifs de la période", tableau: VueTableau(
            legende: "Objectifs : cible, valeur mesurée sur la période et résultat",
            colonnes: [VueColonne("Objectif"), VueColonne("Cible", numerique: true), VueColonne("Valeur sur la période", numerique: true),
                       VueColonne("Résultat")],
            lignes: i.objectifs.map { o in
                let resultat = o.atteint.map { $0 ? "Atteint" : "Non atteint" } ?? "Non mesuré"
                return VueLigne(cellules: [VueCellule(o.libelle, entete: true), VueCellule(FormatFR.pourcentage(o.cible, chiffres: 0), nombre: true),
                                           VueCellule(FormatFR.pourcentage(o.valeur), nombre: true),
                                           VueCellule(resultat, alerte: o.atteint == false,
                                                      sousTexte: o.valeur == nil ? "aucun événement de la période ne le mesure" : nil)],
                                ligneAlerte: o.atteint == false, cleObjectif: o.cle)
            }, vide: "Aucun objectif n'est défini."),
            csv: csv(.objectifs))
    }

    // Demandes

    var radiations: VueFigure {
        let r = Libelles.radiations(i)
        let total = r.reduce(0) { $0 + $1.nombre }
        return VueFigure(id: "radiations", titre: "Radiations par motif", tableau: VueTableau(
            legende: "Radiations prononcées sur la période, par motif",
            colonnes: [VueColonne("Motif"), VueColonne("Radiations", numerique: true), VueColonne("Part", numerique: true)],
            lignes: r.map { x in
                VueLigne(cellules: [VueCellule(x.libelle, entete: true),
                                    VueCellule(FormatFR.entier(x.nombre), nombre: true, indicateur: synthese["demandes.radiees." + x.code]),
                                    VueCellule(FormatFR.pourcentage(total == 0 ? nil : Double(x.nombre) / Double(total)), nombre: true)])
            },
            pied: [VueLigne(cellules: [VueCellule("Total", entete: true), .n(total), VueCellule(total == 0 ? "—" : "100,0\(FormatFR.insecable)%", nombre: true)])]),
            csv: csv(.radiations))
    }

    var delais: VueFigure {
        let d = i.demandes.delaiEnregistrement
        let svg = GraphiqueSVG.barres(
            id: "graphique-delais", titre: "Délais entre le dépôt et l'enregistrement des demandes enregistrées \(periode)",
            categories: Delais.libellesTranches, valeurs: d.tranches, axe: "Demandes",
            repere: GraphiqueSVG.Repere(avantCategorie: Libelles.premiereTrancheHorsDelai, libelle: "Délai légal : 30 jours",
                                        libelleEnDeca: "Dans le délai légal", libelleAuDela: "Au-delà du délai légal"))
        return VueFigure(id: "delais", titre: "Délais entre dépôt et enregistrement", svg: svg, tableau: VueTableau(
            legende: "Demandes enregistrées par délai entre le dépôt et l'enregistrement",
            colonnes: [VueColonne("Délai"), VueColonne("Demandes", numerique: true), VueColonne("Part", numerique: true),
                       VueColonne("Délai légal")],
            lignes: zip(Delais.libellesTranches, d.tranches).enumerated().map { k, t in
                let hors = k >= Libelles.premiereTrancheHorsDelai
                return VueLigne(cellules: [VueCellule(t.0, entete: true), .n(t.1),
                                           VueCellule(FormatFR.pourcentage(d.nombre == 0 ? nil : Double(t.1) / Double(d.nombre)), nombre: true),
                                           VueCellule(hors ? "dépassé" : "respecté", alerte: hors && t.1 > 0)])
            },
            pied: [VueLigne(cellules: [VueCellule("Total", entete: true), .n(d.nombre), VueCellule(d.nombre == 0 ? "—" : "100,0\(FormatFR.insecable)%", nombre: true), VueCellule("")])]),
            csv: csv(.delaisEnregistrement),
            note: "Le délai légal d'enregistrement est d'un mois à compter du dépôt (article L441-2-1 du code de la construction et de l'habitation).")
    }

    // Stock

    var anciennete: VueFigure {
        let s = i.stock
        let svg = GraphiqueSVG.barres(id: "graphique-anciennete", titre: "Demandes actives au \(i.requete.au.affichage) par ancienneté",
                                      categories: s.parAnciennete.map(\.libelle), valeurs: s.parAnciennete.map(\.nombre), axe: "Demandes")
        return VueFigure(id: "anciennete", titre: "Ancienneté des demandes actives", svg: svg, tableau: comptes(
            s.parAnciennete, legende: "Demandes actives par ancienneté", premiere: "Ancienneté", libelle: { $0.libelle }), csv: csv(.anciennete))
    }

    var typologie: VueFigure {
        let s = i.stock
        let svg = GraphiqueSVG.barres(id: "graphique-typologie", titre: "Demandes actives au \(i.requete.au.affichage) par typologie recherchée",
                                      categories: s.parTypologie.map { Libelles.typologie($0.cle) }, valeurs: s.parTypologie.map(\.nombre),
                                      axe: "Demandes")
        return VueFigure(id: "typologie", titre: "Typologie recherchée", svg: svg, tableau: comptes(
            s.parTypologie, legende: "Demandes actives par typologie recherchée", premiere: "Typologie", libelle: { Libelles.typologie($0.cle) }),
            csv: csv(.typologie))
    }

    var communes: VueFigure {
        VueFigure(id: "communes", titre: "Commune souhaitée en premier choix", tableau: comptes(
            i.stock.parCommune, legende: "Demandes actives par commune souhaitée", premiere: "Commune", libelle: { Libelles.commune($0.cle) },
            defilant: i.stock.parCommune.count > 12), csv: csv(.communes))
    }

    func comptes(_ c: [Compte], legende: String, premiere: String, libelle: (Compte) -> String, defilant: Bool = false) -> VueTableau {
        let total = i.stock.actives
        return VueTableau(
            legende: legende,
            colonnes: [VueColonne(premiere), VueColonne("Demandes actives", numerique: true), VueColonne("Part", numerique: true)],
            lignes: c.map { x in
                VueLigne(cellules: [VueCellule(libelle(x), entete: true), .n(x.nombre),
                                    VueCellule(FormatFR.pourcentage(total == 0 ? nil : Double(x.nombre) / Double(total)), nombre: true)])
            },
            defilant: defilant, vide: "Aucune demande active.")
    }

    func sansProposition(premieres: Int) -> VueFigure {
        let s = i.stock
        let liste = s.listeSansProposition.prefix(premieres)
        let note: String
        if s.sansPropositionSixMois == 0 {
            note = "Aucune demande active n'attend une proposition depuis plus de 6 mois."
        } else if liste.count < s.sansPropositionSixMois {
            note = "Les \(FormatFR.entier(liste.count)) plus anciennes sur \(FormatFR.entier(s.sansPropositionSixMois)) ; la liste complète est dans le fichier CSV."
        } else {
            note = "\(s.sansPropositionSixMois > 1 ? "Les" : "La") \(FormatFR.entier(liste.count)) demande\(liste.count > 1 ? "s" : ""), de la plus ancienne à la plus récente."
        }
        return VueFigure(id: "sans-proposition", titre: "Demandes sans proposition depuis plus de 6 mois", tableau: VueTableau(
            legende: "Demandes actives sans proposition depuis plus de 6 mois, les plus anciennes d'abord",
            colonnes: [VueColonne("Numéro unique"), VueColonne("Guichet d'origine"), VueColonne("Dépôt"), VueColonne("Ancienneté", numerique: true),
                       VueColonne("Typologie"), VueColonne("Commune")],
            lignes: liste.map { d in
                VueLigne(cellules: [VueCellule(d.numeroUnique, entete: true), VueCellule(Libelles.guichet(d.guichetOrigine, noms)),
                                    VueCellule(d.depot.affichage), VueCellule("\(FormatFR.entier(d.ancienneteMois))\(FormatFR.insecable)mois", nombre: true),
                                    VueCellule(d.typologie.map(Libelles.typologie) ?? "Non renseignée"),
                                    VueCellule(d.commune.map(Libelles.commune) ?? "Non renseignée")])
            }, vide: "Aucune demande."), csv: csv(.sansProposition), note: note)
    }

    // Offres

    var attente: VueFigure {
        VueFigure(id: "offres-attente", titre: "Attente moyenne des demandes satisfaites", tableau: VueTableau(
            legende: "Attente moyenne entre dépôt et attribution des demandes satisfaites sur la période, par typologie et commune",
            colonnes: [VueColonne("Typologie"), VueColonne("Commune"), VueColonne("Demandes satisfaites", numerique: true),
                       VueColonne("Attente moyenne", numerique: true)],
            lignes: i.offres.attenteSatisfaites.map { a in
                VueLigne(cellules: [VueCellule(Libelles.typologie(a.typologie), entete: true), VueCellule(Libelles.commune(a.commune)), .n(a.nombre),
                                    VueCellule(FormatFR.jours(a.moyenneJours), nombre: true,
                                               sousTexte: "soit \(FormatFR.decimal(Double(a.moyenneJours) / 30.4375, chiffres: 1))\(FormatFR.insecable)mois")])
            }, defilant: i.offres.attenteSatisfaites.count > 12, vide: "Aucune attribution sur la période."),
            csv: csv(.offresAttente))
    }

    // Activity

    func activite(forme: GraphiqueSVG.Forme = .automatique) -> VueFigure {
        let s = i.serie
        let svg = GraphiqueSVG.evolution(
            id: "graphique-activite", titre: "Activité des guichets \(periode), \(Libelles.pas(i.requete.pas))",
            periodes: s.map(\.libelle),
            series: [GraphiqueSVG.Serie(nom: "Visites", valeurs: s.map(\.visites)), GraphiqueSVG.Serie(nom: "Appels", valeurs: s.map(\.appels)),
                     GraphiqueSVG.Serie(nom: "Rendez-vous", valeurs: s.map(\.rendezVous)),
                     GraphiqueSVG.Serie(nom: "Demandes enregistrées", valeurs: s.map(\.enregistrees))],
            axe: "Nombre", forme: forme)
        func total(_ k: KeyPath<PointSerie, Int>) -> VueCellule { .n(s.reduce(0) { $0 + $1[keyPath: k] }) }
        return VueFigure(id: "activite", titre: "Visites, appels, rendez-vous et demandes enregistrées, \(Libelles.pas(i.requete.pas))", svg: svg, tableau: VueTableau(
            legende: "Activité par période",
            colonnes: [VueColonne("Période"), VueColonne("Visites", numerique: true), VueColonne("Appels", numerique: true),
                       VueColonne("Rendez-vous", numerique: true), VueColonne("Demandes enregistrées", numerique: true),
                       VueColonne("Renouvellements", numerique: true), VueColonne("Pièces reçues", numerique: true)],
            lignes: s.map { p in
                VueLigne(cellules: [VueCellule(p.libelle, entete: true), .n(p.visites), .n(p.appels), .n(p.rendezVous), .n(p.enregistrees),
                                    .n(p.renouvelees), .n(p.piecesRecues)])
            },
            pied: s.count > 1 ? [VueLigne(cellules: [VueCellule("Total", entete: true), total(\.visites), total(\.appels), total(\.rendezVous),
                                                     total(\.enregistrees), total(\.renouvelees), total(\.piecesRecues)])] : [],
            defilant: s.count > 13), csv: csv(.serie))
    }

    // Per guichet

    /// The per-guichet table; with `lienTri`, headers are links that sort it (`tri`), the page's filters kept.
    func guichets(tri: String?, colonnes: [ColonneGuichet], lienTri: ((String) -> String)?) -> VueFigure {
        let (lignes, colonne, descendant) = ColonneGuichet.trier(i.parGuichet, tri: tri)
        let vues: [VueColonne] = colonnes.map { c in
            var v = VueColonne(c.libelle, numerique: c.numerique)
            guard let lienTri else { return v }
            let actif = c == colonne
            let suivant = actif && !descendant ? "-" + c.rawValue : c.rawValue
            v.lienTri = lienTri(suivant)
            v.aideTri = "Trier par « \(c.libelle) », ordre \(suivant.hasPrefix("-") ? "décroissant" : "croissant")"
            if actif {
                v.ariaSort = descendant ? "descending" : "ascending"
                v.fleche = descendant ? "\u{00A0}▼" : "\u{00A0}▲"
            }
            return v
        }
        func cellule(_ c: ColonneGuichet, _ l: LigneGuichet) -> VueCellule {
            switch c {
            case .nom: VueCellule(l.nom, entete: true, sousTexte: colonnes.contains(.code) ? nil : l.code)
            case .code: VueCellule(l.code)
            case .commune: VueCellule(Libelles.commune(l.commune))
            case .niveau: VueCellule(String(l.niveau), nombre: true)
            case .visites: .n(l.visites)
            case .appels: .n(l.appels)
            case .rendezVous: .n(l.rendezVous)
            case .enregistrees: .n(l.enregistrees)
            case .renouvelees: .n(l.renouvelees)
            case .modifiees: .n(l.modifiees)
            case .radiees: .n(l.radiees)
            case .piecesRecues: .n(l.piecesRecues)
            case .delaiMedianJours: VueCellule(FormatFR.jours(l.delaiMedianJours), nombre: true, alerte: (l.delaiMedianJours ?? 0) > 30)
            case .stockActif: .n(l.stockActif)
            case .sansPropositionSixMois: .n(l.sansPropositionSixMois)
            }
        }
        func total(_ c: ColonneGuichet) -> VueCellule {
            switch c {
            case .nom: VueCellule("Total (\(FormatFR.entier(lignes.count)) guichet\(lignes.count > 1 ? "s" : ""))", entete: true)
            case .code, .commune, .niveau, .delaiMedianJours: VueCellule("")
            default: .n(lignes.reduce(0) { s, l in if case let .nombre(n)? = c.cle(l) { s + n } else { s } })
            }
        }
        let ordre = "\(colonne.libelle.lowercased()), ordre \(descendant ? "décroissant" : "croissant")"
        return VueFigure(id: "guichets", titre: "Accueil, demandes et stock de chaque guichet \(periode)", tableau: VueTableau(
            id: "tableau-guichets", legende: "Indicateurs par guichet, triés par \(ordre)",
            colonnes: vues,
            lignes: lignes.map { l in VueLigne(cellules: colonnes.map { cellule($0, l) }, codeGuichet: l.code) },
            pied: lignes.count > 1 ? [VueLigne(cellules: colonnes.map(total))] : [], vide: "Aucun guichet ne correspond aux filtres."),
            csv: csv(.guichets),
            note: "Délai médian : entre le dépôt et l'enregistrement des demandes enregistrées sur la période (en rouge au-delà de 30 jours)."
                + (lienTri == nil ? "" : " Cliquez sur l'intitulé d'une colonne pour trier le tableau ; un second clic inverse l'ordre."))
    }
}

/// Links keeping the page's filters.
enum Lien {
    static let permis: CharacterSet = {
        var c = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        c.insert(charactersIn: "-._~")
        return c
    }()

    static func encoder(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: permis) ?? "" }

    static func requete(_ p: [(String, String)]) -> String {
        p.map { "\(encoder($0.0))=\(encoder($0.1))" }.joined(separator: "&")
    }
}

// MARK: - Pages

struct VueTableauDeBord {
    var utilisateur: String
    var csrf: String
    var filtres: VueFiltres
    var sommaire: [VueSommaire]
    var provisoire: VueProvisoire?
    var sequence: VueChiffre
    var periodeTexte: String
    var filtresActifs: String?
    var objectifs: VueFigure
    var accueil: [VueChiffre]
    var demandes: [VueChiffre]
    var radiations: VueFigure
    var delaisChiffres: [VueChiffre]
    var delais: VueFigure
    var stock: [VueChiffre]
    var anciennete: VueFigure
    var typologie: VueFigure
    var communes: VueFigure
    var sansProposition: VueFigure
    var offres: [VueChiffre]
    var attente: VueFigure
    var qualite: [VueChiffre]
    var reseauChiffres: [VueChiffre]
    var reseau: VueFigure
    var activite: VueFigure
    var guichets: VueFigure
    var genereLe: String

    init(_ i: Indicateurs, guichets liste: [Guichet], utilisateur: String, csrf: String, tri: String?, maintenant: Date) {
        let e = ElementsPilotage(i, guichets: liste)
        let r = i.requete
        self.utilisateur = utilisateur
        self.csrf = csrf
        let triLu = ColonneGuichet.lire(tri).map { ($0.descendant ? "-" : "") + $0.colonne.rawValue }
        // Filters: communes and guichets of the network, the current choice kept even when it is not among them.
        var codesCommunes = Set(liste.map(\.communeInsee))
        if let c = r.commune { codesCommunes.insert(c) }
        let choixCommunes = codesCommunes.map { ($0, Libelles.commune($0)) }.sorted { (FormatFR.cleTri($0.1), $0.0) < (FormatFR.cleTri($1.1), $1.0) }
        var guichetsFiltre = liste.map { ($0.code, "\($0.nom) (\($0.code))") }
        if let g = r.guichet, !liste.contains(where: { $0.code == g }) { guichetsFiltre.append((g, g)) }
        guichetsFiltre.sort { (FormatFR.cleTri($0.1), $0.0) < (FormatFR.cleTri($1.1), $1.0) }
        filtres = VueFiltres(
            du: r.du.description, au: r.au.description,
            pas: [(RequetePilotage.Pas.jour, "Par jour"), (.semaine, "Par semaine"), (.mois, "Par mois")]
                .map { VueOption(valeur: $0.0.rawValue, libelle: $0.1, choisi: $0.0 == r.pas) },
            communes: [VueOption(valeur: "", libelle: "Toutes les communes", choisi: r.commune == nil)]
                + choixCommunes.map { VueOption(valeur: $0.0, libelle: $0.1, choisi: $0.0 == r.commune) },
            niveaux: [VueOption(valeur: "", libelle: "Tous les niveaux", choisi: r.niveau == nil)]
                + Niveau.allCases.map { VueOption(valeur: String($0.rawValue), libelle: "Niveau \($0.rawValue)", choisi: $0 == r.niveau) },
            guichets: [VueOption(valeur: "", libelle: "Tous les guichets", choisi: r.guichet == nil)]
                + guichetsFiltre.map { VueOption(valeur: $0.0, libelle: $0.1, choisi: $0.0 == r.guichet) },
            triActuel: triLu)
        sommaire = [("objectifs", "Objectifs"), ("accueil", "Accueil"), ("demandes", "Demandes"), ("stock", "Stock"), ("offres", "Offres"), ("qualite", "Qualité des données"),
                    ("reseau", "Santé du réseau"), ("evolution", "Activité dans le temps"), ("par-guichet", "Par guichet")]
            .map { VueSommaire(ancre: $0.0, intitule: $0.1) }
        provisoire = e.provisoire
        sequence = e.chiffre("arreteALaSequence")
        periodeTexte = "Période \(e.periode), \(Libelles.pas(r.pas))"
        filtresActifs = e.filtresActifs

        objectifs = e.objectifs
        let a = i.accueil
        accueil = [
            e.chiffre("accueil.visites"), e.chiffre("accueil.appels"), e.chiffre("accueil.rendezVous"),
            e.chiffre("accueil.orientationsNiveau3", precision: "ménages orientés vers un rendez-vous personnalisé"),
            e.chiffre("accueil.pmr", libelle: "Ménages à mobilité réduite signalés", precision: "signalements à la bourse des logements adaptés"),
            e.chiffre("accueil.prioritesBloquees", libelle: "Situations prioritaires bloquées", precision: "signalements à la métropole",
                      enAlerte: a.prioritesBloquees > 0),
        ]
        let d = i.demandes
        demandes = [
            e.chiffre("demandes.enregistrees"), e.chiffre("demandes.renouvelees"), e.chiffre("demandes.modifiees"),
            e.chiffre("demandes.piecesRecues"),
            VueChiffre(libelle: "Demandes radiées", valeur: FormatFR.entier(d.radieesTotal), precision: "détail par motif ci-dessous"),
        ]
        radiations = e.radiations
        let de = d.delaiEnregistrement, rdv = d.delaiPremierRendezVous
        delaisChiffres = [
            e.chiffre("demandes.delaiEnregistrement.medianeJours", libelle: "Délai médian dépôt → enregistrement",
                      precision: de.nombre == 0 ? "aucun enregistrement sur la période"
                          : "sur \(FormatFR.entier(de.nombre)) enregistrement\(de.nombre > 1 ? "s" : "")"),
            e.chiffre("demandes.delaiEnregistrement.p90Jours", libelle: "Délai au 9e décile",
                      precision: de.p90Jours.map { "90\(FormatFR.insecable)% des demandes enregistrées en \(FormatFR.jours($0)) au plus" }),
            e.chiffre("demandes.delaiEnregistrement.partHorsDelai", libelle: "Part au-delà du délai légal d'un mois",
                      enAlerte: (de.partHorsDelai ?? 0) > 0),
            e.chiffre("demandes.delaiPremierRendezVous.medianeJours", libelle: "Délai médian enregistrement → premier rendez-vous",
                      precision: rdv.nombre == 0 ? "aucun premier rendez-vous sur la période"
                          : "sur \(FormatFR.entier(rdv.nombre)) premier\(rdv.nombre > 1 ? "s" : "") rendez-vous"),
            e.chiffre("demandes.delaiPremierRendezVous.partHorsDelai", libelle: "Premiers rendez-vous au-delà d'un mois",
                      enAlerte: (rdv.partHorsDelai ?? 0) > 0),
        ]
        delais = e.delais

        let s = i.stock
        stock = [
            e.chiffre("stock.actives"),
            e.chiffre("stock.renouvellementsMoisSuivant", precision: "demandes dont la validité expire ce mois-là"),
            e.chiffre("stock.tauxCompletude", precision: "dossiers complets pour l'instruction"),
            e.chiffre("stock.sansPropositionSixMois", enAlerte: s.sansPropositionSixMois > 0),
        ]
        anciennete = e.anciennete
        typologie = e.typologie
        communes = e.communes
        sansProposition = e.sansProposition(premieres: 10)

        let o = i.offres
        offres = [
            e.chiffre("offres.publiees"), e.chiffre("offres.avecCandidats"), e.chiffre("offres.attribuees"),
            e.chiffre("offres.tauxCouverture", libelle: "Taux de couverture des offres", precision: "offres publiées ayant au moins un candidat désigné"),
            e.chiffre("offres.tension", libelle: "Tension", precision: "demandes actives pour une attribution sur 12 mois"
                + " (\(FormatFR.entier(o.attributionsDouzeMois)) attribution\(o.attributionsDouzeMois > 1 ? "s" : ""))"),
        ]
        attente = e.attente

        let q = i.qualite
        func part(_ n: Int) -> String? {
            s.actives == 0 ? nil : "\(FormatFR.pourcentage(Double(n) / Double(s.actives))) des demandes actives"
        }
        qualite = [
            e.chiffre("qualite.sansRevenuFiscal", precision: part(q.sansRevenuFiscal)),
            e.chiffre("qualite.doublonsSuspects", precision: part(q.doublonsSuspects).map { $0 + " (identité partagée avec une autre demande active)" }),
        ]

        // Network health.
        let seuil: TimeInterval = 7 * 86400
        func silencieux(_ g: SanteGuichet) -> Bool {
            guard let d = g.derniereSynchro else { return g.appareils > 0 }
            return maintenant.timeIntervalSince(d) > seuil
        }
        let enRetard = i.reseau.filter(silencieux).count
        let horloges = i.reseau.filter(\.horlogeSignalee).count
        reseauChiffres = [
            VueChiffre(libelle: "Guichets suivis", valeur: FormatFR.entier(i.reseau.count),
                       precision: "\(FormatFR.entier(i.reseau.reduce(0) { $0 + $1.appareils })) appareils actifs"),
            VueChiffre(libelle: "Sans synchronisation depuis plus de 7 jours", valeur: FormatFR.entier(enRetard), enAlerte: enRetard > 0),
            VueChiffre(libelle: "Commandes en attente d'envoi", valeur: FormatFR.entier(i.reseau.reduce(0) { $0 + $1.commandesEnAttente }),
                       precision: "\(FormatFR.entier(i.reseau.reduce(0) { $0 + $1.piecesEnAttente })) pièces en attente"),
            VueChiffre(libelle: "Horloges signalées", valeur: FormatFR.entier(horloges), precision: "appareils dont l'heure dérive",
                       enAlerte: horloges > 0),
        ]
        reseau = VueFigure(id: "sante-reseau", titre: "Synchronisation des guichets", tableau: VueTableau(
            legende: "Santé de la synchronisation de chaque guichet",
            colonnes: [VueColonne("Guichet"), VueColonne("Niveau", numerique: true), VueColonne("Appareils", numerique: true),
                       VueColonne("Dernière synchronisation"), VueColonne("Commandes en attente", numerique: true),
                       VueColonne("Pièces en attente", numerique: true), VueColonne("Horloge")],
            lignes: i.reseau.map { g in
                let retard = silencieux(g)
                let derniere = g.derniereSynchro.map { "\(FormatFR.dateHeure($0)) (\(FormatFR.anciennete(depuis: $0, maintenant: maintenant)))" }
                    ?? (g.appareils > 0 ? "Jamais" : "Aucun appareil")
                return VueLigne(cellules: [
                    VueCellule(g.nom, entete: true, sousTexte: g.code), VueCellule(String(g.niveau), nombre: true), .n(g.appareils),
                    VueCellule(derniere, alerte: retard, sousTexte: retard ? "Pas de synchronisation depuis plus de 7 jours" : nil),
                    .n(g.commandesEnAttente), .n(g.piecesEnAttente),
                    VueCellule(g.horlogeSignalee ? "Dérive signalée" : "Normale", alerte: g.horlogeSignalee),
                ], ligneAlerte: retard || g.horlogeSignalee, codeGuichet: g.code)
            }, vide: "Aucun guichet dans la sélection."),
            csv: e.csv(.reseau), note: "Un guichet sans synchronisation depuis plus de 7 jours est signalé : ses chiffres récents peuvent manquer.")

        activite = e.activite()
        let base = "/pilotage?" + e.requete
        guichets = e.guichets(tri: tri, colonnes: ColonneGuichet.allCases.filter { $0 != .code }, lienTri: { "\(base)&tri=\(Lien.encoder($0))#par-guichet" })
        genereLe = FormatFR.dateHeure(maintenant)
    }
}

struct VueConnexion {
    var erreur: String?
    var login: String?
    var csrf: String
    var enErreur: Bool

    init(erreur: String?, login: String?, csrf: String) {
        self.erreur = erreur.flatMap { $0.isEmpty ? nil : $0 }
        self.login = login
        self.csrf = csrf
        enErreur = self.erreur != nil
    }
}

struct VueRapport {
    var titre: String
    var moisLibelle: String
    var genereLe: String
    var provisoire: VueProvisoire?
    var sequence: VueChiffre
    var periodeTexte: String
    var filtresActifs: String?
    var synthese: [VueChiffre]
    var objectifs: VueFigure
    var accueil: [VueChiffre]
    var delais: VueFigure
    var radiations: VueFigure
    var activite: VueFigure
    var anciennete: VueFigure
    var attente: VueFigure
    var guichets: VueFigure

    init(_ i: Indicateurs, guichets liste: [Guichet], mois: String, genereLe date: Date) {
        let e = ElementsPilotage(i, guichets: liste)
        moisLibelle = FormatFR.mois(mois)
        titre = "Rapport mensuel — " + moisLibelle
        genereLe = FormatFR.dateHeure(date)
        provisoire = e.provisoire
        sequence = e.chiffre("arreteALaSequence")
        periodeTexte = "Période \(e.periode)"
        filtresActifs = e.filtresActifs
        let d = i.demandes, o = i.offres
        synthese = [
            e.chiffre("demandes.enregistrees"), e.chiffre("demandes.renouvelees"),
            VueChiffre(libelle: "Demandes radiées", valeur: FormatFR.entier(d.radieesTotal)),
            e.chiffre("demandes.delaiEnregistrement.medianeJours", libelle: "Délai médian d'enregistrement",
                      precision: "part au-delà du délai légal : \(FormatFR.pourcentage(d.delaiEnregistrement.partHorsDelai))"),
            e.chiffre("offres.publiees"), e.chiffre("offres.avecCandidats"), e.chiffre("offres.attribuees"),
            e.chiffre("offres.tauxCouverture", libelle: "Taux de couverture des offres",
                      precision: "\(FormatFR.entier(o.avecCandidats)) offre\(o.avecCandidats > 1 ? "s" : "") sur \(FormatFR.entier(o.publiees)) avec un candidat désigné"),
            e.chiffre("stock.actives"), e.chiffre("stock.sansPropositionSixMois"),
        ]
        accueil = [e.chiffre("accueil.visites"), e.chiffre("accueil.appels"), e.chiffre("accueil.rendezVous"),
                   e.chiffre("accueil.orientationsNiveau3")]
        // A standalone document for partners: no link back to the dashboard.
        func seul(_ f: VueFigure) -> VueFigure {
            var f = f
            f.lienCSV = nil
            return f
        }
        objectifs = seul(e.objectifs)
        delais = seul(e.delais)
        radiations = seul(e.radiations)
        activite = seul(e.activite())
        anciennete = seul(e.anciennete)
        attente = seul(e.attente)
        guichets = seul(e.guichets(tri: "nom", colonnes: [.nom, .commune, .niveau, .visites, .appels, .rendezVous, .enregistrees, .renouvelees,
                                                     .radiees, .delaiMedianJours, .stockActif], lienTri: nil))
    }
}
