using System.Text.RegularExpressions;

namespace PharmaRag.Core.Graph;

/// <summary>
/// The patterns and word lists the offline extractor recognises pharma entities with: drug-name
/// stems (USAN suffixes), disease and symptom forms, genes and biomarkers, doses, populations,
/// trials and regulators.
/// </summary>
public static partial class PharmaLexicon
{
    /// <summary>USAN stems that mark drug names (-mab antibodies, -nib kinase inhibitors, -vir antivirals ...).</summary>
    [GeneratedRegex(@"\b[a-z]{3,}(?:mab|nib|vir|statin|floxacin|cillin|mycin|micin|pril|sartan|olol|azole|prazole|parin|gliptin|gliflozin|glitazone|lukast|dipine|cycline|vudine|platin|taxel|rubicin|profen|afil|setron|triptan|zepam|zolam|caine|dronate|fibrate|formin|semide|thiazide|parib|ciclib|lisib|dronate|tidine|oxetine|triptyline|azepine|sone|olone|asone|arin|ximab|tuzumab|lumab|tinib)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex DrugStem();

    public static readonly HashSet<string> KnownDrugs = new(StringComparer.OrdinalIgnoreCase)
    {
        "warfarin", "metformin", "aspirin", "acetaminophen", "paracetamol", "ibuprofen", "heparin", "insulin", "digoxin",
        "amiodarone", "glucagon", "penicillamine", "trientine", "xanomeline", "prednisone", "methotrexate", "cyclosporine",
        "tacrolimus", "rifampin", "rifampicin", "colchicine", "hydroxychloroquine", "chloroquine", "amoxicillin", "clavulanate",
        "niacin", "gemfibrozil", "fluconazole", "itraconazole", "ketoconazole", "clarithromycin", "erythromycin", "ritonavir",
        "lopinavir", "dexamethasone", "remdesivir", "favipiravir", "tocilizumab", "baricitinib", "osimertinib", "gefitinib",
        "erlotinib", "afatinib", "trastuzumab", "cisplatin", "carboplatin", "docetaxel", "paclitaxel", "vitamin k", "zinc",
        "probenecid", "theophylline", "tizanidine", "sucralfate", "didanosine", "phenytoin", "carbamazepine", "lithium",
    };

    [GeneratedRegex(@"\b[a-z]{3,}(?:itis|emia|aemia|osis|pathy|oma|algia|plegia|penia|cytosis|trophy|uria|rrhea|rrhoea|ectasis|lysis)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex DiseaseForm();

    [GeneratedRegex(@"\b((?:[A-Za-z][a-z\-]+\s){0,2}[A-Za-z][a-z\-]+)\s(disease|syndrome|infection|failure|disorder|cancer|carcinoma|insufficiency|impairment|injury|deficiency)\b",
        RegexOptions.CultureInvariant)]
    public static partial Regex DiseasePhrase();

    public static readonly HashSet<string> KnownConditions = new(StringComparer.OrdinalIgnoreCase)
    {
        "covid-19", "sars-cov-2", "hiv", "hypertension", "diabetes", "type 2 diabetes mellitus", "hypercholesterolemia",
        "hyperlipidemia", "asthma", "pneumonia", "sepsis", "stroke", "myocardial infarction", "atrial fibrillation",
        "wilson disease", "sjogren's syndrome", "schizophrenia", "alzheimer's disease", "psoriasis", "migraine",
        "rhabdomyolysis", "myopathy", "bleeding", "hemorrhage", "hypoglycemia", "lactic acidosis", "anaphylaxis",
    };

    public static readonly HashSet<string> Symptoms = new(StringComparer.OrdinalIgnoreCase)
    {
        "nausea", "vomiting", "headache", "diarrhea", "diarrhoea", "rash", "fatigue", "dizziness", "myalgia", "arthralgia",
        "nasopharyngitis", "constipation", "pruritus", "insomnia", "abdominal pain", "dyspepsia", "cough", "fever", "pyrexia",
        "edema", "back pain", "pain in extremity", "urinary tract infection", "somnolence", "tremor", "anorexia", "alopecia",
        "elevated transaminases", "hypotension", "bradycardia", "tachycardia", "chills", "sweating", "flatulence",
    };

    [GeneratedRegex(@"\b(?:CYP\d[A-Z]\d{1,2}|UGT\d[A-Z]\d{1,2}|OATP\d[A-Z]\d|ATP7B|VKORC1|EGFR|HER2|ALK|ROS1|KRAS|NRAS|BRAF|MET|TP53|BRCA[12]|PD-?L?1|CTLA-?4|TNF(?:-?alpha)?|IL-?\d{1,2}|VEGF(?:R\d?)?|P-gp|BCRP|ACE2|RdRp|T790M|C797S)\b",
        RegexOptions.CultureInvariant)]
    public static partial Regex GeneOrTarget();

    [GeneratedRegex(@"\b(?:INR|HbA1c|LDL-C|HDL-C|eGFR|CrCl|ALT|AST|creatinine clearance|serum creatinine|bilirubin|ceruloplasmin|CRP|troponin|viral load|neutrophil count|platelet count)\b",
        RegexOptions.CultureInvariant)]
    public static partial Regex Biomarker();

    [GeneratedRegex(@"\b\d+(?:\.\d+)?(?:\s?(?:to|-|–)\s?\d+(?:\.\d+)?)?\s?(?:mg|mcg|µg|g|mL|units?|IU)(?:/(?:kg|m2|day|mL|dose))?(?:\s(?:once|twice|three times|four times)\s(?:daily|a day|weekly|per day))?",
        RegexOptions.CultureInvariant)]
    public static partial Regex Dose();

    [GeneratedRegex(@"\b(?:adults?|adult patients|pediatric patients|paediatric patients|children|adolescents|neonates|infants|elderly|geriatric patients|pregnant women|pregnancy|lactation|breastfeeding|nursing mothers|patients with (?:renal|hepatic) impairment|hospitalized patients|healthy volunteers)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Population();

    [GeneratedRegex(@"\b(?:NCT\d{8}|(?:Study|Trial)\s[A-Z0-9][A-Z0-9\-]{1,12}|[A-Z]{2,}-?\d{2,}\s(?:trial|study))\b", RegexOptions.CultureInvariant)]
    public static partial Regex Study();

    [GeneratedRegex(@"\b(?:overall survival|progression-free survival|objective response rate|time to recovery|mortality|hazard ratio|odds ratio|primary endpoint|secondary endpoint|clinical status|recovery rate|AUC|Cmax|half-life)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    public static partial Regex Endpoint();

    [GeneratedRegex(@"\b(?:FDA|EMA|WHO|NIH|NIAID|CDC|Gilead(?: Sciences)?|Pfizer|Roche|Bayer|Eli Lilly|Lilly|Alexion|Novartis|Merck|AstraZeneca|Sanofi|GSK|Johnson & Johnson|CDISC)\b",
        RegexOptions.CultureInvariant)]
    public static partial Regex Organization();

    /// <summary>"BRAND® (generic)" as labels name a product: the brand becomes an alias of the generic drug.</summary>
    [GeneratedRegex(@"\b([A-Z][A-Z0-9\-]{2,})\s?[®™]?\s*\(\s*([a-z][a-z\-]{3,}(?:\s(?:sodium|calcium|hydrochloride|potassium|tablets|injection|capsules|for injection))?)\s*(?:[,)])",
        RegexOptions.CultureInvariant)]
    public static partial Regex BrandGeneric();

    /// <summary>"long form (ACRONYM)": an acronym defined in the text.</summary>
    [GeneratedRegex(@"\b((?:[A-Za-z][A-Za-z\-']*\s){1,7}[A-Za-z][A-Za-z\-']*)\s\(([A-Z][A-Za-z0-9\-]{1,9})\)", RegexOptions.CultureInvariant)]
    public static partial Regex AcronymDefinition();

    /// <summary>Label sections and what a relation found under each means (LightRAG's relation keywords).</summary>
    public static readonly (string Heading, string Keywords)[] Sections =
    [
        ("BOXED WARNING", "boxed warning, serious risk"),
        ("INDICATIONS", "indicated for, treatment"),
        ("DOSAGE AND ADMINISTRATION", "dosage, administration, dose"),
        ("DOSAGE FORMS", "dosage form, strength"),
        ("CONTRAINDICATIONS", "contraindicated, must not be used"),
        ("WARNINGS AND PRECAUTIONS", "warning, precaution, risk"),
        ("ADVERSE REACTIONS", "adverse reaction, side effect"),
        ("DRUG INTERACTIONS", "drug interaction, co-administration"),
        ("USE IN SPECIFIC POPULATIONS", "specific population, use in"),
        ("OVERDOSAGE", "overdose"),
        ("CLINICAL PHARMACOLOGY", "pharmacology, mechanism, pharmacokinetics"),
        ("MECHANISM OF ACTION", "mechanism of action"),
        ("PHARMACOKINETICS", "pharmacokinetics, exposure"),
        ("CLINICAL STUDIES", "clinical study, efficacy"),
        ("ELIGIBILITY", "eligibility, inclusion, exclusion"),
        ("INCLUSION CRITERIA", "inclusion criteria, eligibility"),
        ("EXCLUSION CRITERIA", "exclusion criteria, eligibility"),
        ("OBJECTIVES", "study objective, endpoint"),
    ];

    /// <summary>Verbs that say how two entities in a sentence relate.</summary>
    public static readonly (string Stem, string Keyword)[] RelationVerbs =
    [
        ("indicated", "indicated for"), ("treat", "treats"), ("contraindicated", "contraindicated"), ("inhibit", "inhibits"),
        ("induc", "induces"), ("increase", "increases"), ("decrease", "decreases"), ("reduc", "reduces"), ("interact", "interacts with"),
        ("caus", "causes"), ("associated", "associated with"), ("metaboli", "metabolised by"), ("substrate", "substrate of"),
        ("monitor", "monitoring"), ("adjust", "dose adjustment"), ("avoid", "avoid"), ("resist", "resistance"),
    ];
}
