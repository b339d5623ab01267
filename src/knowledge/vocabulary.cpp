#include "knowledge/vocabulary.hpp"

#include <algorithm>

#include "core/i18n.hpp"

namespace crm::knowledge {

namespace {

constexpr Term kTargetGroups[] = {
    {"children", N_("Children")},
    {"unaccompanied_minors", N_("Unaccompanied minors")},
    {"youth", N_("Young people")},
    {"women", N_("Women")},
    {"families", N_("Families")},
    {"minorities", N_("Minorities")},
    {"older_people", N_("Older people")},
    {"people_with_disabilities", N_("People with disabilities")},
    {"victims_of_trafficking", N_("Victims of trafficking")},
    {"people_with_health_needs", N_("People with health needs")},
    {"professionals", N_("Professionals and institutions")},
};

constexpr Term kDimensions[] = {
    {"economic", N_("Economic reintegration")},
    {"social", N_("Social reintegration")},
    {"psychosocial", N_("Psychosocial reintegration")},
};

// The objectives as the Global Compact for Safe, Orderly and Regular
// Migration (UN General Assembly resolution 73/195) names them.
constexpr Term kGcm[] = {
    {"1", N_("Collect and utilize accurate and disaggregated data as a basis for evidence-based "
             "policies")},
    {"2", N_("Minimize the adverse drivers and structural factors that compel people to leave "
             "their country of origin")},
    {"3", N_("Provide accurate and timely information at all stages of migration")},
    {"4", N_("Ensure that all migrants have proof of legal identity and adequate documentation")},
    {"5", N_("Enhance availability and flexibility of pathways for regular migration")},
    {"6", N_("Facilitate fair and ethical recruitment and safeguard conditions that ensure decent "
             "work")},
    {"7", N_("Address and reduce vulnerabilities in migration")},
    {"8", N_("Save lives and establish coordinated international efforts on missing migrants")},
    {"9", N_("Strengthen the transnational response to smuggling of migrants")},
    {"10", N_("Prevent, combat and eradicate trafficking in persons in the context of "
              "international migration")},
    {"11", N_("Manage borders in an integrated, secure and coordinated manner")},
    {"12", N_("Strengthen certainty and predictability in migration procedures for appropriate "
              "screening, assessment and referral")},
    {"13", N_("Use migration detention only as a measure of last resort and work towards "
              "alternatives")},
    {"14", N_("Enhance consular protection, assistance and cooperation throughout the migration "
              "cycle")},
    {"15", N_("Provide access to basic services for migrants")},
    {"16", N_("Empower migrants and societies to realize full inclusion and social cohesion")},
    {"17", N_("Eliminate all forms of discrimination and promote evidence-based public discourse "
              "to shape perceptions of migration")},
    {"18", N_("Invest in skills development and facilitate mutual recognition of skills, "
              "qualifications and competences")},
    {"19", N_("Create conditions for migrants and diasporas to fully contribute to sustainable "
              "development in all countries")},
    {"20", N_("Promote faster, safer and cheaper transfer of remittances and foster financial "
              "inclusion of migrants")},
    {"21", N_("Cooperate in facilitating safe and dignified return and readmission, as well as "
              "sustainable reintegration")},
    {"22", N_("Establish mechanisms for the portability of social security entitlements and "
              "earned benefits")},
    {"23", N_("Strengthen international cooperation and global partnerships for safe, orderly and "
              "regular migration")},
};

constexpr Term kSdgs[] = {
    {"1", N_("No poverty")},
    {"2", N_("Zero hunger")},
    {"3", N_("Good health and well-being")},
    {"4", N_("Quality education")},
    {"5", N_("Gender equality")},
    {"6", N_("Clean water and sanitation")},
    {"7", N_("Affordable and clean energy")},
    {"8", N_("Decent work and economic growth")},
    {"9", N_("Industry, innovation and infrastructure")},
    {"10", N_("Reduced inequalities")},
    {"11", N_("Sustainable cities and communities")},
    {"12", N_("Responsible consumption and production")},
    {"13", N_("Climate action")},
    {"14", N_("Life below water")},
    {"15", N_("Life on land")},
    {"16", N_("Peace, justice and strong institutions")},
    {"17", N_("Partnerships for the goals")},
};

constexpr Term kResourceKinds[] = {
    {"report", N_("Report")}, {"manual", N_("Manual")},       {"guideline", N_("Guideline")},
    {"study", N_("Study")},   {"policy", N_("Policy paper")},
};

}  // namespace

std::span<const Term> target_groups() {
  return kTargetGroups;
}
std::span<const Term> dimensions() {
  return kDimensions;
}
std::span<const Term> gcm_objectives() {
  return kGcm;
}
std::span<const Term> sdgs() {
  return kSdgs;
}
std::span<const Term> resource_kinds() {
  return kResourceKinds;
}

const Term* find_term(std::span<const Term> list, std::string_view code) {
  auto it = std::find_if(list.begin(), list.end(), [&](const Term& t) { return t.code == code; });
  return it == list.end() ? nullptr : &*it;
}

std::span<const Term> terms_of_kind(std::string_view kind) {
  if (kind == "target_group") return target_groups();
  if (kind == "dimension") return dimensions();
  if (kind == "gcm") return gcm_objectives();
  if (kind == "sdg") return sdgs();
  return {};
}

}  // namespace crm::knowledge
