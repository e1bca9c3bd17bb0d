// SPDX-License-Identifier: Apache-2.0
#include "bench/storage/institution_gen.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string_view>

#include "base/check.h"
#include "domain/workflow/date.h"

namespace highfence::bench {
namespace {

using cases::Contributor;
using cases::Money;
using cases::Name;
using cases::NameKind;
using cases::NameScript;
using cases::OrgRef;

// ---- deterministic randomness -------------------------------------------------------------
// splitmix64 (a published finaliser; std:: distributions are implementation-defined, and the
// generated institution must be the same on every machine and library version).
uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

uint64_t Tag(std::string_view s) {  // FNV-1a, to separate the streams of people, cases …
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
  return h;
}

uint64_t Key(uint64_t seed, std::string_view tag, uint64_t index) {
  return Mix(Mix(seed ^ Tag(tag)) + index);
}

class Rng {
 public:
  explicit Rng(uint64_t state) : state_(state) {}
  uint64_t Next() { return state_ = Mix(state_); }
  int Int(int lo, int hi) {  // inclusive
    return lo + static_cast<int>(Next() % static_cast<uint64_t>(hi - lo + 1));
  }
  bool Chance(double p) { return static_cast<double>(Next() % 1000000) < p * 1000000; }
  template <typename T, size_t N>
  const T& Pick(const std::array<T, N>& a) {
    return a[Next() % N];
  }
  template <typename T>
  const T& Pick(const std::vector<T>& v) {
    return v[Next() % v.size()];
  }
  // An index drawn by weights.
  template <size_t N>
  int Weighted(const std::array<int, N>& weights) {
    int total = 0;
    for (int w : weights) total += w;
    int r = Int(0, total - 1);
    for (size_t i = 0; i < N; ++i) {
      if (r < weights[i]) return static_cast<int>(i);
      r -= weights[i];
    }
    return static_cast<int>(N - 1);
  }

 private:
  uint64_t state_;
};

std::string Hex16(uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

std::string Digits(Rng& rng, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng.Int(0, 9));
  return s;
}

// ---- name lists (common names, written from general knowledge; the people are generated) ----
struct JpName {
  const char* kanji;
  const char* kana;
  const char* romaji;
};
constexpr std::array<JpName, 64> kJpFamily{{
    {"佐藤", "サトウ", "Sato"},
    {"鈴木", "スズキ", "Suzuki"},
    {"高橋", "タカハシ", "Takahashi"},
    {"田中", "タナカ", "Tanaka"},
    {"伊藤", "イトウ", "Ito"},
    {"渡辺", "ワタナベ", "Watanabe"},
    {"山本", "ヤマモト", "Yamamoto"},
    {"中村", "ナカムラ", "Nakamura"},
    {"小林", "コバヤシ", "Kobayashi"},
    {"加藤", "カトウ", "Kato"},
    {"吉田", "ヨシダ", "Yoshida"},
    {"山田", "ヤマダ", "Yamada"},
    {"佐々木", "ササキ", "Sasaki"},
    {"山口", "ヤマグチ", "Yamaguchi"},
    {"松本", "マツモト", "Matsumoto"},
    {"井上", "イノウエ", "Inoue"},
    {"木村", "キムラ", "Kimura"},
    {"林", "ハヤシ", "Hayashi"},
    {"斎藤", "サイトウ", "Saito"},
    {"清水", "シミズ", "Shimizu"},
    {"山崎", "ヤマザキ", "Yamazaki"},
    {"森", "モリ", "Mori"},
    {"池田", "イケダ", "Ikeda"},
    {"橋本", "ハシモト", "Hashimoto"},
    {"阿部", "アベ", "Abe"},
    {"石川", "イシカワ", "Ishikawa"},
    {"山下", "ヤマシタ", "Yamashita"},
    {"中島", "ナカジマ", "Nakajima"},
    {"石井", "イシイ", "Ishii"},
    {"小川", "オガワ", "Ogawa"},
    {"前田", "マエダ", "Maeda"},
    {"岡田", "オカダ", "Okada"},
    {"長谷川", "ハセガワ", "Hasegawa"},
    {"藤田", "フジタ", "Fujita"},
    {"後藤", "ゴトウ", "Goto"},
    {"近藤", "コンドウ", "Kondo"},
    {"村上", "ムラカミ", "Murakami"},
    {"遠藤", "エンドウ", "Endo"},
    {"青木", "アオキ", "Aoki"},
    {"坂本", "サカモト", "Sakamoto"},
    {"福田", "フクダ", "Fukuda"},
    {"太田", "オオタ", "Ota"},
    {"西村", "ニシムラ", "Nishimura"},
    {"藤井", "フジイ", "Fujii"},
    {"金子", "カネコ", "Kaneko"},
    {"岡本", "オカモト", "Okamoto"},
    {"藤原", "フジワラ", "Fujiwara"},
    {"中野", "ナカノ", "Nakano"},
    {"三浦", "ミウラ", "Miura"},
    {"原田", "ハラダ", "Harada"},
    {"中川", "ナカガワ", "Nakagawa"},
    {"松田", "マツダ", "Matsuda"},
    {"竹内", "タケウチ", "Takeuchi"},
    {"小野", "オノ", "Ono"},
    {"田村", "タムラ", "Tamura"},
    {"中山", "ナカヤマ", "Nakayama"},
    {"和田", "ワダ", "Wada"},
    {"石田", "イシダ", "Ishida"},
    {"上田", "ウエダ", "Ueda"},
    {"柴田", "シバタ", "Shibata"},
    {"酒井", "サカイ", "Sakai"},
    {"工藤", "クドウ", "Kudo"},
    {"宮崎", "ミヤザキ", "Miyazaki"},
    {"内田", "ウチダ", "Uchida"},
}};
constexpr std::array<JpName, 50> kJpGiven{{
    {"太郎", "タロウ", "Taro"},      {"健太", "ケンタ", "Kenta"},    {"翔太", "ショウタ", "Shota"},
    {"大輔", "ダイスケ", "Daisuke"}, {"拓也", "タクヤ", "Takuya"},   {"健一", "ケンイチ", "Kenichi"},
    {"誠", "マコト", "Makoto"},      {"浩", "ヒロシ", "Hiroshi"},    {"隆", "タカシ", "Takashi"},
    {"直樹", "ナオキ", "Naoki"},     {"和也", "カズヤ", "Kazuya"},   {"達也", "タツヤ", "Tatsuya"},
    {"亮", "リョウ", "Ryo"},         {"悠斗", "ユウト", "Yuto"},     {"蓮", "レン", "Ren"},
    {"陽翔", "ハルト", "Haruto"},    {"大翔", "ヒロト", "Hiroto"},   {"修", "オサム", "Osamu"},
    {"学", "マナブ", "Manabu"},      {"剛", "ツヨシ", "Tsuyoshi"},   {"聡", "サトシ", "Satoshi"},
    {"哲也", "テツヤ", "Tetsuya"},   {"雅人", "マサト", "Masato"},   {"康介", "コウスケ", "Kosuke"},
    {"花子", "ハナコ", "Hanako"},    {"恵子", "ケイコ", "Keiko"},    {"裕子", "ユウコ", "Yuko"},
    {"美咲", "ミサキ", "Misaki"},    {"陽子", "ヨウコ", "Yoko"},     {"直美", "ナオミ", "Naomi"},
    {"由美", "ユミ", "Yumi"},        {"真由美", "マユミ", "Mayumi"}, {"愛", "アイ", "Ai"},
    {"彩", "アヤ", "Aya"},           {"葵", "アオイ", "Aoi"},        {"結衣", "ユイ", "Yui"},
    {"陽菜", "ヒナ", "Hina"},        {"さくら", "サクラ", "Sakura"}, {"明美", "アケミ", "Akemi"},
    {"智子", "トモコ", "Tomoko"},    {"久美子", "クミコ", "Kumiko"}, {"千尋", "チヒロ", "Chihiro"},
    {"麻衣", "マイ", "Mai"},         {"理恵", "リエ", "Rie"},        {"香織", "カオリ", "Kaori"},
    {"典子", "ノリコ", "Noriko"},    {"奈々", "ナナ", "Nana"},       {"沙織", "サオリ", "Saori"},
    {"美穂", "ミホ", "Miho"},        {"拓海", "タクミ", "Takumi"},
}};
struct HanName {
  const char* han;
  const char* latin;
};
constexpr std::array<HanName, 16> kZhFamily{{{"王", "Wang"},
                                             {"李", "Li"},
                                             {"张", "Zhang"},
                                             {"刘", "Liu"},
                                             {"陈", "Chen"},
                                             {"杨", "Yang"},
                                             {"黄", "Huang"},
                                             {"赵", "Zhao"},
                                             {"吴", "Wu"},
                                             {"周", "Zhou"},
                                             {"徐", "Xu"},
                                             {"孙", "Sun"},
                                             {"马", "Ma"},
                                             {"朱", "Zhu"},
                                             {"胡", "Hu"},
                                             {"郭", "Guo"}}};
constexpr std::array<HanName, 18> kZhGiven{{{"伟", "Wei"},
                                            {"芳", "Fang"},
                                            {"娜", "Na"},
                                            {"敏", "Min"},
                                            {"静", "Jing"},
                                            {"磊", "Lei"},
                                            {"军", "Jun"},
                                            {"洋", "Yang"},
                                            {"勇", "Yong"},
                                            {"艳", "Yan"},
                                            {"杰", "Jie"},
                                            {"涛", "Tao"},
                                            {"明", "Ming"},
                                            {"超", "Chao"},
                                            {"秀英", "Xiuying"},
                                            {"晓东", "Xiaodong"},
                                            {"志强", "Zhiqiang"},
                                            {"海燕", "Haiyan"}}};
constexpr std::array<HanName, 10> kKoFamily{{{"김", "Kim"},
                                             {"이", "Lee"},
                                             {"박", "Park"},
                                             {"최", "Choi"},
                                             {"정", "Jung"},
                                             {"강", "Kang"},
                                             {"조", "Cho"},
                                             {"윤", "Yoon"},
                                             {"장", "Jang"},
                                             {"임", "Lim"}}};
constexpr std::array<HanName, 10> kKoGiven{{{"민준", "Min-jun"},
                                            {"서연", "Seo-yeon"},
                                            {"지훈", "Ji-hoon"},
                                            {"수빈", "Su-bin"},
                                            {"현우", "Hyun-woo"},
                                            {"지영", "Ji-young"},
                                            {"성민", "Sung-min"},
                                            {"은지", "Eun-ji"},
                                            {"준호", "Jun-ho"},
                                            {"혜진", "Hye-jin"}}};
constexpr std::array<const char*, 20> kLatinGiven{"James",  "Maria",  "David",  "Anna",  "Thomas", "Sophie", "Michael",
                                                  "Laura",  "Daniel", "Elena",  "Lucas", "Emma",   "Pierre", "Julia",
                                                  "Stefan", "Olivia", "Rajesh", "Priya", "Ahmed",  "Fatima"};
constexpr std::array<const char*, 18> kLatinFamily{"Smith",   "Müller", "García",   "Rossi",     "Martin", "Johnson",
                                                   "Schmidt", "Dubois", "Kowalski", "Andersson", "Silva",  "Novak",
                                                   "Brown",   "Wilson", "Nguyen",   "Patel",     "Kumar",  "Hernández"};

// ---- organisations, funders, topics -------------------------------------------------------
struct Org {
  const char* name;
  const char* country;
};
constexpr std::array<Org, 14> kJpUniversities{{{"東京大学", "JP"},
                                               {"京都大学", "JP"},
                                               {"大阪大学", "JP"},
                                               {"東北大学", "JP"},
                                               {"名古屋大学", "JP"},
                                               {"九州大学", "JP"},
                                               {"北海道大学", "JP"},
                                               {"東京工業大学", "JP"},
                                               {"筑波大学", "JP"},
                                               {"慶應義塾大学", "JP"},
                                               {"早稲田大学", "JP"},
                                               {"神戸大学", "JP"},
                                               {"広島大学", "JP"},
                                               {"理化学研究所", "JP"}}};
constexpr std::array<Org, 12> kForeignOrgs{{{"Massachusetts Institute of Technology", "US"},
                                            {"Stanford University", "US"},
                                            {"ETH Zürich", "CH"},
                                            {"University of Cambridge", "GB"},
                                            {"Max Planck Institute for Solid State Research", "DE"},
                                            {"National University of Singapore", "SG"},
                                            {"Seoul National University", "KR"},
                                            {"KAIST", "KR"},
                                            {"清华大学", "CN"},
                                            {"National Taiwan University", "TW"},
                                            {"Université Paris-Saclay", "FR"},
                                            {"University of Toronto", "CA"}}};
// Bodies that appear on lists of entities of concern (for the rare ⑩ / ⑪ rows and list hits).
constexpr std::array<Org, 4> kListedOrgs{{{"北京航空航天大学", "CN"},
                                          {"哈尔滨工业大学", "CN"},
                                          {"西北工业大学", "CN"},
                                          {"National University of Defense Technology", "CN"}}};
constexpr std::array<Org, 6> kCompanies{{{"株式会社仙台アロイ", "JP"},
                                         {"株式会社東都量子テクノロジーズ", "JP"},
                                         {"みなとロボティクス株式会社", "JP"},
                                         {"株式会社北斗マテリアル", "JP"},
                                         {"Helix Biologics Inc.", "US"},
                                         {"Nordlicht Photonics GmbH", "DE"}}};

struct Department {
  const char* ja;
  const char* en;
};
constexpr std::array<Department, 10> kDepartments{{{"大学院理学研究科 物理学専攻", "Department of Physics"},
                                                   {"大学院工学研究科 電気電子工学専攻", "Electrical Engineering"},
                                                   {"大学院工学研究科 機械工学専攻", "Mechanical Engineering"},
                                                   {"大学院情報科学研究科", "Graduate School of Information Sciences"},
                                                   {"大学院医学系研究科", "Graduate School of Medicine"},
                                                   {"大学院薬学研究科", "Graduate School of Pharmaceutical Sciences"},
                                                   {"大学院農学研究科", "Graduate School of Agricultural Science"},
                                                   {"材料科学研究所", "Institute for Materials Research"},
                                                   {"量子科学技術研究センター", "Center for Quantum Science"},
                                                   {"航空宇宙工学専攻", "Aerospace Engineering"}}};
constexpr std::array<HanName, 16> kTopics{{{"量子センシング", "quantum sensing"},
                                           {"窒化ガリウムパワー半導体", "GaN power semiconductors"},
                                           {"全固体電池", "all-solid-state batteries"},
                                           {"深層学習", "deep learning"},
                                           {"自律移動ロボット", "autonomous mobile robots"},
                                           {"超伝導量子ビット", "superconducting qubits"},
                                           {"ゲノム編集", "genome editing"},
                                           {"mRNAワクチン", "mRNA vaccines"},
                                           {"炭素繊維複合材料", "carbon-fibre composites"},
                                           {"極超音速流れ", "hypersonic flow"},
                                           {"光格子時計", "optical lattice clocks"},
                                           {"衛星通信", "satellite communication"},
                                           {"耐量子計算機暗号", "post-quantum cryptography"},
                                           {"不均一系触媒", "heterogeneous catalysis"},
                                           {"生分解性高分子", "biodegradable polymers"},
                                           {"作物の耐乾性育種", "drought-tolerant crop breeding"}}};
constexpr std::array<HanName, 6> kStudyKinds{{{"の高精度計測", "High-precision measurement of"},
                                              {"の理論解析", "Theoretical analysis of"},
                                              {"の大規模シミュレーション", "Large-scale simulation of"},
                                              {"の実証", "Demonstration of"},
                                              {"の信頼性評価", "Reliability assessment of"},
                                              {"の設計と最適化", "Design and optimisation of"}}};
constexpr std::array<const char*, 10> kVenues{"Physical Review B",
                                              "Nature Communications",
                                              "Applied Physics Letters",
                                              "IEEE Transactions on Power Electronics",
                                              "Journal of the American Chemical Society",
                                              "Advanced Materials",
                                              "日本機械学会論文集",
                                              "電気学会論文誌A",
                                              "Proceedings of NeurIPS",
                                              "Scientific Reports"};

struct Grant {
  const char* funder;
  const char* country;
  const char* programme;
  int min_mjpy, max_mjpy;  // total, million yen
  int kind;                // 0 KAKENHI, 1 JST, 2 AMED, 3 NEDO (project-number shape)
};
constexpr std::array<Grant, 14> kGrants{{
    {"日本学術振興会", "JP", "科研費 基盤研究(S)", 50, 200, 0},
    {"日本学術振興会", "JP", "科研費 基盤研究(A)", 20, 50, 0},
    {"日本学術振興会", "JP", "科研費 基盤研究(B)", 5, 20, 0},
    {"日本学術振興会", "JP", "科研費 基盤研究(C)", 1, 5, 0},
    {"日本学術振興会", "JP", "科研費 若手研究", 1, 5, 0},
    {"日本学術振興会", "JP", "科研費 挑戦的研究(萌芽)", 2, 5, 0},
    {"日本学術振興会", "JP", "特別研究員奨励費", 1, 3, 0},
    {"科学技術振興機構", "JP", "戦略的創造研究推進事業 CREST", 150, 500, 1},
    {"科学技術振興機構", "JP", "戦略的創造研究推進事業 さきがけ", 30, 40, 1},
    {"科学技術振興機構", "JP", "創発的研究支援事業", 50, 70, 1},
    {"科学技術振興機構", "JP", "経済安全保障重要技術育成プログラム", 200, 1000, 1},
    {"日本医療研究開発機構", "JP", "革新的先端研究開発支援事業", 50, 300, 2},
    {"日本医療研究開発機構", "JP", "創薬基盤推進研究事業", 20, 100, 2},
    {"新エネルギー・産業技術総合開発機構", "JP", "先導研究プログラム", 30, 200, 3},
}};

// Seniority: what the person is at the university; decides how much they have to disclose.
enum Seniority { kProfessor, kAssociate, kAssistant, kResearcher, kStaff, kDoctoral, kMaster };
constexpr std::array<int, 7> kSeniorityWeights{8, 10, 12, 15, 5, 20, 30};
constexpr std::array<const char*, 7> kPositionJa{"教授",     "准教授",       "助教",        "特任研究員",
                                                 "技術職員", "博士後期課程", "博士前期課程"};

// What Person and Disclosure both need to agree on.
struct Profile {
  std::vector<Name> names;
  std::string display;  // the name a co-author list would show
  int seniority = kMaster;
  int department = 0;
  int topic_a = 0, topic_b = 0;
  int degree_year = 2010;  // year of the last degree (students: expected)
};

Profile MakeProfile(uint64_t seed, int i) {
  Rng rng(Key(seed, "profile", static_cast<uint64_t>(i)));
  Profile p;
  const int script = rng.Weighted(std::array<int, 4>{920, 30, 20, 30});
  if (script == 0) {
    const JpName& f = rng.Pick(kJpFamily);
    const JpName& g = rng.Pick(kJpGiven);
    p.names.push_back({std::string(f.kanji) + " " + g.kanji, NameScript::kKanji, NameKind::kLegal});
    p.names.push_back({std::string(f.kana) + " " + g.kana, NameScript::kKana, NameKind::kLegal});
    p.names.push_back({std::string(g.romaji) + " " + f.romaji, NameScript::kLatin, NameKind::kRomanised});
    if (rng.Chance(0.03)) {  // 旧姓 still used in publications
      const JpName& old = rng.Pick(kJpFamily);
      p.names.push_back({std::string(old.kanji) + " " + g.kanji, NameScript::kKanji, NameKind::kFormer});
      p.names.push_back({std::string(g.romaji) + " " + old.romaji, NameScript::kLatin, NameKind::kFormer});
    }
    p.display = std::string(f.kanji) + " " + g.kanji;
  } else if (script == 1) {
    const HanName& f = rng.Pick(kZhFamily);
    const HanName& g = rng.Pick(kZhGiven);
    p.names.push_back({std::string(f.han) + g.han, NameScript::kKanji, NameKind::kLegal});
    p.names.push_back({std::string(f.latin) + " " + g.latin, NameScript::kLatin, NameKind::kRomanised});
    p.display = p.names.back().text;
  } else if (script == 2) {
    const HanName& f = rng.Pick(kKoFamily);
    const HanName& g = rng.Pick(kKoGiven);
    p.names.push_back({std::string(f.han) + g.han, NameScript::kHangul, NameKind::kLegal});
    p.names.push_back({std::string(f.latin) + " " + g.latin, NameScript::kLatin, NameKind::kRomanised});
    p.display = p.names.back().text;
  } else {
    p.names.push_back(
        {std::string(rng.Pick(kLatinGiven)) + " " + rng.Pick(kLatinFamily), NameScript::kLatin, NameKind::kLegal});
    p.display = p.names.back().text;
  }
  p.seniority = rng.Weighted(kSeniorityWeights);
  p.department = rng.Int(0, static_cast<int>(kDepartments.size()) - 1);
  p.topic_a = rng.Int(0, static_cast<int>(kTopics.size()) - 1);
  p.topic_b = rng.Int(0, static_cast<int>(kTopics.size()) - 1);
  const std::array<int, 7> base{1990, 2000, 2012, 2017, 2005, 2024, 2026};
  p.degree_year = base[p.seniority] + rng.Int(0, 8);
  if (p.degree_year > 2027) p.degree_year = 2027;
  return p;
}

bool IsStaff(int seniority) {
  return seniority <= kStaff;
}
bool IsFaculty(int seniority) {
  return seniority <= kAssistant;
}

// ORCID check character (ISO 7064 MOD 11-2).
std::string Orcid(Rng& rng) {
  std::string digits = "000" + std::to_string(rng.Int(1, 3)) + Digits(rng, 11);
  int total = 0;
  for (char c : digits) total = (total + (c - '0')) * 2;
  const int check = (12 - total % 11) % 11;
  digits += check == 10 ? 'X' : static_cast<char>('0' + check);
  return digits.substr(0, 4) + "-" + digits.substr(4, 4) + "-" + digits.substr(8, 4) + "-" + digits.substr(12, 4);
}

std::string Ym(int year, int month) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  return buf;
}

std::string AsOf(int seq) {
  return Ym(2023 + (seq - 1) / 2, (seq - 1) % 2 ? 10 : 4) + "-01";
}

// Whether a "YYYY-MM" / "YYYY-MM-DD" period covers the day (end "" = ongoing).
bool Covers(const std::string& start, const std::string& end, const std::string& day) {
  if (!start.empty() && start.substr(0, 7) > day.substr(0, 7)) return false;
  return end.empty() || end.substr(0, 7) >= day.substr(0, 7);
}
bool StartedBy(const std::string& start, const std::string& day) {
  return start.empty() || start.substr(0, 7) <= day.substr(0, 7);
}

workflow::Date Day(int year, unsigned month, unsigned day) {
  return workflow::Date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
}
std::string Stamp(workflow::Date d, int hour, int minute) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:00+09:00", workflow::FormatDate(d).c_str(), hour, minute);
  return buf;
}

Contributor CoAuthor(uint64_t seed, Rng& rng, int people) {
  // Co-authors are mostly colleagues (other generated people), sometimes outside researchers.
  if (rng.Chance(0.6)) {
    Profile other = MakeProfile(seed, rng.Int(0, people - 1));
    return {other.display, {"東都科学技術大学", "", "JP"}};
  }
  Profile other = MakeProfile(seed, rng.Int(0, 1 << 20));  // an outside person, same name lists
  const Org& org = rng.Chance(0.5) ? rng.Pick(kJpUniversities) : rng.Pick(kForeignOrgs);
  return {other.names.back().text, {org.name, "", org.country}};
}

std::string ProjectId(Rng& rng, int kind, int year) {
  const std::string yy = std::to_string(year % 100);
  switch (kind) {
    case 0:
      return yy + std::string(1, "HKABC"[rng.Int(0, 4)]) + Digits(rng, 5);
    case 1:
      return "JPMJ" + std::string(rng.Chance(0.5) ? "CR" : "PR") + yy + Digits(rng, 2);
    case 2:
      return "JP" + yy + std::string(rng.Chance(0.5) ? "gm" : "ak") + Digits(rng, 7);
    default:
      return "JPNP" + yy + Digits(rng, 3);
  }
}

}  // namespace

std::string GeneratedId(uint64_t seed, const std::string& prefix, uint64_t index) {
  return prefix + "_" + Hex16(Key(seed, prefix, index));
}

InstitutionGenerator::InstitutionGenerator(const InstitutionOptions& options)
    : options_(options),
      people_(std::max(10, static_cast<int>(std::lround(options.people * options.scale)))),
      cases_(std::max(1, static_cast<int>(std::lround(options.cases * options.scale)))) {
  const uint64_t seed = options_.seed;
  university_ = {.id = GeneratedId(seed, "inst", 0),
                 .name_ja = "東都科学技術大学",  // fictional
                 .name_en = "Toto University of Science and Technology",
                 .kind = cases::InstitutionKind::kUniversity};
  const std::array<std::array<const char*, 2>, 3> agencies{
      {{"国立研究開発法人科学技術振興機構", "Japan Science and Technology Agency"},
       {"国立研究開発法人日本医療研究開発機構", "Japan Agency for Medical Research and Development"},
       {"国立研究開発法人新エネルギー・産業技術総合開発機構",
        "New Energy and Industrial Technology Development Organization"}}};
  for (size_t a = 0; a < agencies.size(); ++a) {
    agencies_.push_back({.id = GeneratedId(seed, "inst", a + 1),
                         .name_ja = agencies[a][0],
                         .name_en = agencies[a][1],
                         .kind = cases::InstitutionKind::kAgency});
  }
  const std::array<std::array<const char*, 2>, 5> programmes{
      {{"経済安全保障重要技術育成プログラム", "Key and Advanced Technology R&D through Cross Community Collaboration"},
       {"戦略的創造研究推進事業 CREST (量子・AI 領域)", "CREST (quantum and AI areas)"},
       {"先端国際共同研究推進事業", "ASPIRE"},
       {"革新的先端研究開発支援事業", "AMED-CREST"},
       {"先導研究プログラム (次世代パワーエレクトロニクス)", "NEDO Leading Research (power electronics)"}}};
  const std::array<int, 5> agency_of{0, 0, 0, 1, 2};
  for (size_t g = 0; g < programmes.size(); ++g) {
    cases::Programme p{.id = GeneratedId(seed, "prog", g),
                       .agency_id = agencies_[agency_of[g]].id,
                       .name_ja = programmes[g][0],
                       .name_en = programmes[g][1],
                       .designated = true};
    for (const char* label : {"重要技術領域に該当する", "国際共同研究を含む", "成果の社会実装が見込まれる"}) {
      p.designation_conditions.push_back(
          {.label = label, .met = true, .reference = "研究セキュリティの確保に係る取組のための手順書 §2", .note = ""});
    }
    programmes_.push_back(std::move(p));
  }
}

std::string InstitutionGenerator::PersonId(int i) const {
  HF_CHECK(i >= 0 && i < people_);
  return GeneratedId(options_.seed, "person", static_cast<uint64_t>(i));
}

cases::Person InstitutionGenerator::Person(int i) const {
  const Profile p = MakeProfile(options_.seed, i);
  Rng rng(Key(options_.seed, "person", static_cast<uint64_t>(i)));
  cases::Person person{.id = PersonId(i), .tenant_id = university_.id, .names = p.names};
  if (IsStaff(p.seniority) || rng.Chance(0.3)) person.erad_id = Digits(rng, 8);
  if (p.seniority != kMaster && rng.Chance(0.75)) person.orcid = Orcid(rng);
  if (IsStaff(p.seniority) && rng.Chance(0.6)) person.researchmap_id = "hf" + Hex16(rng.Next()).substr(0, 10);
  const Department& dep = kDepartments[p.department];
  person.affiliations.push_back({.institution_id = university_.id,
                                 .name = university_.name_ja,
                                 .department = dep.ja,
                                 .position = kPositionJa[p.seniority],
                                 .since = std::to_string(std::min(p.degree_year, 2026)),
                                 .main_post = true});
  if (IsFaculty(p.seniority) && rng.Chance(0.1)) {  // クロスアポイントメント
    const Org& org = rng.Pick(kJpUniversities);
    person.affiliations.push_back({.name = org.name, .position = "客員教授", .since = "2024-04"});
  }
  return person;
}

int InstitutionGenerator::DisclosureCount(int i) const {
  Rng rng(Key(options_.seed, "versions", static_cast<uint64_t>(i)));
  return rng.Int(1, 2 * options_.average_disclosures - 1);
}

int64_t InstitutionGenerator::TotalDisclosures() const {
  int64_t n = 0;
  for (int i = 0; i < people_; ++i) n += DisclosureCount(i);
  return n;
}

cases::Disclosure InstitutionGenerator::Disclosure(int i, int seq) const {
  HF_CHECK(seq >= 1 && seq <= DisclosureCount(i));
  const uint64_t seed = options_.seed;
  const Profile p = MakeProfile(seed, i);
  const std::string as_of = AsOf(seq);
  const std::string person_id = PersonId(i);
  cases::Disclosure d{.id = GeneratedId(seed, "disc", static_cast<uint64_t>(i) * 16 + seq),
                      .tenant_id = university_.id,
                      .person_id = person_id,
                      .seq = seq,
                      .as_of = as_of};
  d.certification = {.certified_by = "user_" + person_id.substr(7),
                     .certified_at = as_of + "T10:15:00+09:00",
                     .statement = "上記の記載内容は事実に相違ありません。"};
  // The person's whole record, the same for every version; a version shows what began by as_of.
  Rng rng(Key(seed, "life", static_cast<uint64_t>(i)));
  const bool staff = IsStaff(p.seniority);
  const int degree_year = p.degree_year;
  const Department& dep = kDepartments[p.department];

  // ① education: bachelor, master, doctorate as far as the person went.
  const int degrees = p.seniority == kMaster ? 1 : (p.seniority == kDoctoral || p.seniority == kStaff ? 2 : 3);
  const std::array<const char*, 3> degree_names{"学士(工学)", "修士(工学)", "博士(工学)"};
  for (int k = 0; k < degrees; ++k) {
    const bool foreign = rng.Chance(0.08);
    const Org& org = foreign ? rng.Pick(kForeignOrgs) : rng.Pick(kJpUniversities);
    const int end = degree_year - (degrees - 1 - k) * 3;
    d.education.push_back({.organisation = {org.name, "", org.country},
                           .degree = degree_names[k],
                           .field = kTopics[p.topic_a].han,
                           .start = Ym(end - (k == 0   ? 4
                                              : k == 1 ? 2
                                                       : 3),
                                       4),
                           .end = end > 2026 ? "" : Ym(end, 3)});
  }
  // ② career.
  if (staff) {
    int year = std::min(degree_year, 2024);
    const int posts = rng.Int(1, 3);
    for (int k = 0; k < posts - 1; ++k) {
      const Org& org = rng.Chance(0.25) ? rng.Pick(kForeignOrgs) : rng.Pick(kJpUniversities);
      const int end = year + rng.Int(2, 5);
      d.career.push_back({.organisation = {org.name, "", org.country},
                          .department = "",
                          .position = k == 0 ? "博士研究員" : "助教",
                          .start = Ym(year, 4),
                          .end = Ym(end, 3)});
      year = end;
    }
    d.career.push_back({.organisation = {university_.name_ja, university_.id, "JP"},
                        .department = dep.ja,
                        .position = kPositionJa[p.seniority],
                        .start = Ym(std::min(year, 2026), 4),
                        .main_post = true});
  }
  // ③ funding received (e-Rad rows included).
  const std::array<int, 7> grant_counts{10, 8, 5, 3, 1, 1, 0};
  const int grants = rng.Int(grant_counts[p.seniority] / 2, grant_counts[p.seniority]);
  for (int k = 0; k < grants; ++k) {
    const Grant& g = p.seniority >= kDoctoral ? kGrants[6] : rng.Pick(kGrants);
    const int start = rng.Int(2016, 2026);
    const int years = rng.Int(2, 5);
    const std::string end = start + years > 2027 ? "" : Ym(start + years, 3);
    cases::FundingRow row{
        .funder = {g.funder, "", g.country},
        .programme = g.programme,
        .title = std::string(kTopics[rng.Chance(0.5) ? p.topic_a : p.topic_b].han) + rng.Pick(kStudyKinds).han,
        .role = rng.Chance(0.6) ? "研究代表者" : "研究分担者",
        .project_id = ProjectId(rng, g.kind, start),
        .amount = Money{int64_t{rng.Int(g.min_mjpy, g.max_mjpy)} * 1000000, "JPY"},
        .start = Ym(start, 4),
        .end = end,
        .effort_percent = rng.Int(1, 4) * 5};
    if (StartedBy(row.start, as_of)) d.funding.push_back(std::move(row));
  }
  // ④ support other than funding.
  if (staff && rng.Chance(0.1)) {
    const Org& c = rng.Pick(kCompanies);
    cases::SupportRow row{.provider = {c.name, "", c.country},
                          .kind = "equipment",
                          .description = "評価用試料および測定装置の無償貸与",
                          .value = Money{int64_t{rng.Int(1, 30)} * 100000, "JPY"},
                          .start = Ym(rng.Int(2021, 2026), 10)};
    if (StartedBy(row.start, as_of)) d.other_support.push_back(std::move(row));
  }
  // ⑤ publications with co-authors (the questionnaire asks for the last five years).
  const std::array<int, 7> paper_counts{16, 14, 10, 8, 2, 3, 1};
  const int papers = rng.Int(0, paper_counts[p.seniority]);
  for (int k = 0; k < papers; ++k) {
    const int year = rng.Int(2019, 2026);
    const HanName& topic = kTopics[rng.Chance(0.7) ? p.topic_a : p.topic_b];
    const HanName& kind = rng.Pick(kStudyKinds);
    cases::PublicationRow row;
    row.title = rng.Chance(0.7)
                    ? std::string(kind.latin) + " " + topic.latin + " in a " + kTopics[p.topic_b].latin + " setting"
                    : std::string(topic.han) + kind.han;
    row.venue = rng.Pick(kVenues);
    row.published = Ym(year, rng.Int(1, 12));
    row.doi = "10." + std::to_string(rng.Int(1000, 1200)) + "/" + Hex16(rng.Next()).substr(0, 10);
    const int authors = rng.Int(1, 6);
    for (int a = 0; a < authors; ++a) row.co_authors.push_back(CoAuthor(seed, rng, people_));
    if (row.published.substr(0, 7) <= as_of.substr(0, 7) && year + 5 >= std::stoi(as_of.substr(0, 4))) {
      d.publications.push_back(std::move(row));
    }
  }
  // ⑥ patents.
  if (IsFaculty(p.seniority) && rng.Chance(0.3)) {
    const int year = rng.Int(2018, 2026);
    cases::PatentRow row{.title = std::string(kTopics[p.topic_a].han) + "装置及びその製造方法",
                         .number = "特願" + std::to_string(year) + "-" + Digits(rng, 6),
                         .office = "JP",
                         .filed = Ym(year, rng.Int(1, 12))};
    row.co_inventors.push_back(CoAuthor(seed, rng, people_));
    const Org& c = rng.Pick(kCompanies);
    row.co_applicants.push_back({"", {c.name, "", c.country}});
    if (StartedBy(row.filed, as_of)) d.patents.push_back(std::move(row));
  }
  // ⑦ foreign talent programmes (rare), ⑧ sanctions (very rare), ⑩ ⑪ (rare).
  if (staff && rng.Chance(0.004)) {
    d.talent_programmes.push_back({.programme = "海外研究者招へいプログラム",
                                   .sponsor = {kListedOrgs[0].name, "", kListedOrgs[0].country},
                                   .role = "客座教授",
                                   .amount = Money{200000, "CNY"},
                                   .start = "2019-09",
                                   .end = "2021-08"});
  }
  if (staff && rng.Chance(0.001)) {
    d.sanctions.push_back({.authority = {university_.name_ja, university_.id, "JP"},
                           .kind = "研究費の不適切経理による応募制限",
                           .description = "物品費の預け金。2年間の応募資格停止(終了)。",
                           .date = "2018-06-01"});
  }
  if (staff && rng.Chance(0.005)) {
    const Org& org = rng.Pick(kListedOrgs);
    d.listed_affiliations.push_back({.organisation = {org.name, "", org.country},
                                     .list = "経済産業省 外国ユーザーリスト",
                                     .position = "訪問研究員",
                                     .start = "2015-04",
                                     .end = "2016-03"});
  }
  if (IsFaculty(p.seniority) && rng.Chance(0.02)) {
    const Org& org = rng.Pick(kListedOrgs);
    d.listed_relationships.push_back({.researcher = MakeProfile(seed, rng.Int(0, 1 << 20)).names.back().text,
                                      .organisation = {org.name, "", org.country},
                                      .list = "経済産業省 外国ユーザーリスト",
                                      .nature = "共著者",
                                      .start = "2022-01"});
  }
  // e-Rad外の研究費, 兼業, unpaid posts.
  if (IsFaculty(p.seniority) && rng.Chance(0.15)) {
    const Org& c = rng.Pick(kCompanies);
    const bool nda = rng.Chance(0.4);
    cases::ExternalFundingRow row{.funder = {c.name, "", c.country},
                                  .title = std::string(kTopics[p.topic_a].han) + "に関する共同研究",
                                  .role = "研究代表者",
                                  .amount = Money{int64_t{rng.Int(1, 20)} * 1000000, "JPY"},
                                  .effort_percent = 5,
                                  .nda = nda,
                                  .start = Ym(rng.Int(2020, 2026), 4)};
    if (StartedBy(row.start, as_of)) d.external_funding.push_back(std::move(row));
  }
  if (IsFaculty(p.seniority) && rng.Chance(0.2)) {
    const Org& c = rng.Pick(kCompanies);
    cases::PostRow row{.organisation = {c.name, "", c.country},
                       .position = rng.Chance(0.5) ? "技術顧問" : "社外取締役",
                       .remuneration = Money{int64_t{rng.Int(6, 36)} * 100000, "JPY"},
                       .effort_percent = 5,
                       .start = Ym(rng.Int(2019, 2026), 4)};
    if (StartedBy(row.start, as_of)) d.side_jobs.push_back(std::move(row));
  }
  if (IsFaculty(p.seniority) && rng.Chance(0.3)) {
    cases::PostRow row{.organisation = {rng.Chance(0.5) ? "日本物理学会" : "電気学会", "", "JP"},
                       .position = rng.Chance(0.5) ? "代議員" : "論文誌編集委員",
                       .start = Ym(rng.Int(2018, 2026), 6)};
    if (StartedBy(row.start, as_of)) d.unpaid_posts.push_back(std::move(row));
  }
  // e-Rad's effort rule: what is ongoing on as_of may not exceed 100 %; keep at most 90 %.
  int effort = 0;
  auto cap = [&](std::optional<int>& e, const std::string& start, const std::string& end) {
    if (!e || !Covers(start, end, as_of)) return;
    if (effort + *e > 90) e = std::max(0, 90 - effort);
    effort += *e;
  };
  for (auto& r : d.funding) cap(r.effort_percent, r.start, r.end);
  for (auto& r : d.external_funding) cap(r.effort_percent, r.start, r.end);
  for (auto& r : d.side_jobs) cap(r.effort_percent, r.start, r.end);
  return d;
}

std::string InstitutionGenerator::CaseId(int k) const {
  HF_CHECK(k >= 0 && k < cases_);
  return GeneratedId(options_.seed, "case", static_cast<uint64_t>(k));
}

CaseBundle InstitutionGenerator::Case(int k) const {
  const uint64_t seed = options_.seed;
  Rng rng(Key(seed, "case", static_cast<uint64_t>(k)));
  CaseBundle b;
  const cases::Programme& programme = rng.Pick(programmes_);
  const std::string case_id = CaseId(k);

  // The team: a faculty PI, then co-PIs, participants and students, all distinct.
  std::vector<int> members;
  const int size = rng.Int(3, 8);
  while (static_cast<int>(members.size()) < size) {
    const int i = rng.Int(0, people_ - 1);
    if (std::find(members.begin(), members.end(), i) != members.end()) continue;
    const int seniority = MakeProfile(seed, i).seniority;
    if (members.empty() && !IsFaculty(seniority) && people_ > 50) continue;
    members.push_back(i);
  }
  const Profile pi = MakeProfile(seed, members[0]);
  b.proposal = {.id = GeneratedId(seed, "prop", static_cast<uint64_t>(k)),
                .programme_id = programme.id,
                .title = std::string(kTopics[pi.topic_a].han) + "と" + kTopics[pi.topic_b].han +
                         "の融合による次世代基盤技術の研究開発",
                .lead_institution_id = university_.id,
                .state = cases::ProposalState::kShortlisted};
  for (size_t m = 0; m < members.size(); ++m) {
    const int seniority = MakeProfile(seed, members[m]).seniority;
    cases::TeamRole role = m == 0                   ? cases::TeamRole::kPi
                           : m <= 2                 ? cases::TeamRole::kCoPi
                           : seniority >= kDoctoral ? cases::TeamRole::kStudent
                                                    : cases::TeamRole::kParticipant;
    b.proposal.team.push_back({PersonId(members[m]), university_.id, role});
  }
  const int partners = rng.Weighted(std::array<int, 3>{50, 35, 15});
  for (int q = 0; q < partners; ++q) {
    const std::string org =
        GeneratedId(seed, "org", static_cast<uint64_t>(rng.Int(0, static_cast<int>(kForeignOrgs.size()) - 1)));
    if (std::find(b.proposal.partner_institution_ids.begin(), b.proposal.partner_institution_ids.end(), org) ==
        b.proposal.partner_institution_ids.end()) {
      b.proposal.partner_institution_ids.push_back(org);
    }
  }

  // Where the case stands: every workflow state, most cases in the middle or in follow-up.
  const std::array<const char*, 9> states{"opened",  "identification", "evaluation", "mitigation", "review",
                                          "decided", "appeal",         "follow_up",  "closed"};
  const int state = rng.Weighted(std::array<int, 9>{5, 10, 15, 15, 10, 5, 1, 29, 10});
  const workflow::Date opened = workflow::AddDays(Day(2025, 4, 1), rng.Int(0, 560));
  b.kase = {.id = case_id,
            .tenant_id = university_.id,
            .agency_id = programme.agency_id,
            .proposal_id = b.proposal.id,
            .state = states[state],
            .opened_at = workflow::FormatDate(opened) + "T00:30:00Z",
            .opened_by = "user_" + Hex16(Key(seed, "officer", rng.Int(0, 11))).substr(0, 12)};
  int day = 0;
  auto next_stamp = [&](int min_days, int max_days) {
    day += rng.Int(min_days, max_days);
    return Stamp(workflow::AddDays(opened, day), 9 + rng.Int(0, 8), rng.Int(0, 59));
  };
  const std::string officer = b.kase.opened_by;

  // ① identification: the keyword screening of the proposal and list checks (one per flag).
  if (state >= 1) {
    const rules::RiskLevel level = static_cast<rules::RiskLevel>(rng.Weighted(std::array<int, 3>{50, 35, 15}));
    cases::KeywordScreening ks{.document = "proposal_" + std::to_string(k) + ".pdf",
                               .keyword_list_version = "kw-" + Hex16(Key(seed, "kwlist", 1)),
                               .keyword_hit = level == rules::RiskLevel::kGreen ? rules::KeywordHit::kNo
                                              : level == rules::RiskLevel::kRed ? rules::KeywordHit::kYes
                                                                                : rules::KeywordHit::kPartial,
                               .level = level,
                               .min_level = level,
                               .max_level = level};
    if (level != rules::RiskLevel::kGreen) {
      ks.keywords = {kTopics[pi.topic_a].han, kTopics[pi.topic_b].han};
      ks.reasons = {std::string("rule keyword_hit: 「") + kTopics[pi.topic_a].han + "」が重要技術リストに該当"};
    }
    b.screenings.push_back({.id = GeneratedId(seed, "scr", static_cast<uint64_t>(k) * 8),
                            .case_id = case_id,
                            .kind = cases::ScreeningKind::kKeywords,
                            .screened_at = next_stamp(1, 5),
                            .screened_by = officer,
                            .keywords = ks});
    b.kase.risk_level = level;
    b.flags = rng.Weighted(std::array<int, 6>{40, 25, 15, 10, 6, 4});
    for (int f = 0; f < b.flags; ++f) {
      const bool on_partner = !b.proposal.partner_institution_ids.empty() && rng.Chance(0.3);
      const Org& listed = rng.Pick(kListedOrgs);
      cases::ListCheck check;
      if (on_partner) {
        check.subject = {cases::SubjectKind::kOrganisation, rng.Pick(b.proposal.partner_institution_ids)};
        check.query = listed.name;
      } else {
        const int who = members[static_cast<size_t>(rng.Int(0, size - 1))];
        check.subject = {cases::SubjectKind::kPerson, PersonId(who)};
        check.query = MakeProfile(seed, who).display;
      }
      check.snapshots = {{"jp_meti_eul", "2026-09-30", "sha256:" + Hex16(Key(seed, "snap", 1)) + Hex16(1)},
                         {"us_entity_list", "2026-10-15", "sha256:" + Hex16(Key(seed, "snap", 2)) + Hex16(2)}};
      check.hits.push_back({.snapshot = check.snapshots[0],
                            .entry_id = std::to_string(rng.Int(1, 1700)),
                            .primary_name = listed.name,
                            .matched_name = listed.name,
                            .score = 0.8 + rng.Int(0, 20) / 100.0,
                            .explanation = std::string("共著者の所属「") + listed.name + "」がリスト掲載名と一致"});
      b.screenings.push_back({.id = GeneratedId(seed, "scr", static_cast<uint64_t>(k) * 8 + f + 1),
                              .case_id = case_id,
                              .kind = cases::ScreeningKind::kLists,
                              .screened_at = next_stamp(0, 3),
                              .screened_by = officer,
                              .lists = check});
    }
    for (const auto& s : b.screenings) b.kase.screening_ids.push_back(s.id);
  }

  // ② evaluations.
  const std::array<const char*, 6> categories{
      "export_control", "technology_leakage", "data_security", "ip", "ri_conflict_of_commitment", "ri_transparency"};
  if (state >= 2) {
    const int n = rng.Int(0, 4);
    for (int e = 0; e < n; ++e) {
      workflow::Evaluation ev{.id = GeneratedId(seed, "ev", static_cast<uint64_t>(k) * 8 + e), .case_id = case_id};
      const bool flagged = e + 1 < static_cast<int>(b.screenings.size());
      if (flagged && b.screenings[e + 1].lists->subject.kind == cases::SubjectKind::kOrganisation) {
        ev.subject = {workflow::SubjectKind::kInstitution, b.screenings[e + 1].lists->subject.id};
      } else {
        ev.subject = {workflow::SubjectKind::kPerson, flagged
                                                          ? b.screenings[e + 1].lists->subject.id
                                                          : b.proposal.team[static_cast<size_t>(e % size)].person_id};
      }
      if (flagged) ev.flag_ids = {"lists:jp_meti_eul:" + b.screenings[e + 1].lists->hits[0].entry_id};
      ev.risk = static_cast<workflow::RiskAnswer>(rng.Weighted(std::array<int, 3>{25, 55, 20}));
      ev.rationale =
          ev.risk == workflow::RiskAnswer::kNo
              ? "開示内容と公開情報を確認した結果、懸念先との継続的な関係は認められない。"
              : "共著者の所属機関が外国ユーザーリストに掲載されており、研究データへのアクセス範囲の確認が必要。";
      if (ev.risk != workflow::RiskAnswer::kNo) {
        ev.categories = {categories[rng.Int(0, 1)], categories[rng.Int(2, 5)]};
        if (ev.categories[0] == ev.categories[1]) ev.categories.pop_back();
      }
      const int dd = rng.Weighted(std::array<int, 3>{80, 5, 15});
      ev.due_diligence.state = static_cast<workflow::DueDiligenceState>(dd);
      if (dd == 1) ev.due_diligence.note = "本人への聞き取りを予定(提出期限前)";
      if (dd == 2) {
        ev.due_diligence.unobtainable = {{"2019年以前の兼業先", "本人が記録を保持しておらず、先方機関も回答しない"}};
      }
      ev.evaluator = officer;
      ev.at = next_stamp(1, 10);
      b.evaluations.push_back(std::move(ev));
    }
  }

  // ③ measures.
  const std::array<const char*, 8> kinds{"data_access",           "facility_access",       "training",
                                         "prepublication_review", "contract_nda",          "travel_reporting",
                                         "unpublished_results",   "reassessment_on_change"};
  const std::array<const char*, 8> descriptions{
      "未発表データへのアクセスを研究室の登録メンバーに限定し、アクセス記録を保存する。",
      "クリーンルームへの立入を許可者に限定し、入退室を記録する。",
      "研究セキュリティ研修(e-learning)をチーム全員が受講する。",
      "成果公表の30日前に研究推進部が内容を確認する。",
      "共同研究先と秘密保持契約を締結し、提供範囲を明記する。",
      "海外渡航の2週間前までに渡航先と目的を届け出る。",
      "未発表の成果を共同研究先と共有する前に代表者の承認を得る。",
      "チーム構成または共同研究先が変わった時点で再評価する。"};
  if (state >= 3) {
    const int n = rng.Int(0, 3);
    const bool finished = state >= 7;
    for (int m = 0; m < n; ++m) {
      const int kind = rng.Int(0, static_cast<int>(kinds.size()) - 1);
      const std::string person = b.proposal.team[static_cast<size_t>(rng.Int(0, size - 1))].person_id;
      workflow::Measure ms{.id = GeneratedId(seed, "ms", static_cast<uint64_t>(k) * 8 + m),
                           .case_id = case_id,
                           .catalogue_id = kinds[kind],
                           .description = descriptions[kind],
                           .owner = officer,
                           .due_date = workflow::AddDays(opened, day + rng.Int(30, 180)),
                           .binds = {person}};
      ms.subject = workflow::Subject{workflow::SubjectKind::kPerson, person};
      const std::string planned = next_stamp(1, 7);
      ms.history.push_back({workflow::MeasureStatus::kPlanned, officer, planned, ""});
      ms.feasibility = workflow::Feasibility{officer, next_stamp(0, 3), "研究室の運用で実施可能"};
      ms.consents.push_back({person, workflow::ConsentAnswer::kConsented, next_stamp(0, 5), ""});
      if (state >= 5 || rng.Chance(0.5)) {
        ms.history.push_back({workflow::MeasureStatus::kInProgress, officer, next_stamp(1, 10), ""});
      }
      if (finished && rng.Chance(0.6)) {
        ms.evidence.push_back({"実施記録_" + std::to_string(k) + "_" + std::to_string(m) + ".pdf",
                               Hex16(rng.Next()) + Hex16(rng.Next()) + Hex16(rng.Next()) + Hex16(rng.Next()), officer,
                               next_stamp(10, 60)});
        ms.history.push_back({workflow::MeasureStatus::kDone, officer, next_stamp(0, 2), ""});
      }
      b.measures.push_back(std::move(ms));
    }
  }

  // Review by the institution's three stages, and the decision, for decided cases.
  if (state >= 5) {
    const std::array<const char*, 3> stages{"compliance", "academic_committee", "senior_risk_group"};
    for (int s = 0; s < 3; ++s) {
      workflow::Review rv{.id = GeneratedId(seed, "rv", static_cast<uint64_t>(k) * 4 + s),
                          .case_id = case_id,
                          .stage_id = stages[s],
                          .order = s + 1,
                          .round = 1};
      const int reviewers = rng.Int(1, 3);
      for (int r = 0; r < reviewers; ++r) {
        const std::string who = "user_" + Hex16(Key(seed, "reviewer", static_cast<uint64_t>(s * 10 + r))).substr(0, 12);
        rv.reviewers.push_back(who);
        const bool conditions = rng.Chance(0.3);
        rv.opinions.push_back({who, conditions ? workflow::Vote::kConditions : workflow::Vote::kApprove,
                               conditions ? "データ管理計画の提出を条件とする。" : "", next_stamp(1, 7)});
      }
      b.reviews.push_back(std::move(rv));
    }
    workflow::Decision draft{.id = GeneratedId(seed, "dc", static_cast<uint64_t>(k)),
                             .case_id = case_id,
                             .round = 1,
                             .decided_by = officer,
                             .at = next_stamp(1, 5)};
    const bool decline = state == 6 || (state == 8 && rng.Chance(0.2));
    if (decline) {
      draft.outcome = workflow::Outcome::kDecline;
      draft.reasons = {"懸念先との共同研究の終了について合意が得られず、リスク軽減措置が実施できない。"};
    } else if (rng.Chance(0.4)) {
      draft.outcome = workflow::Outcome::kProceedWithConditions;
      draft.conditions = {"未発表データへのアクセス制限を採択後3か月以内に実施する。"};
    }
    auto decision = workflow::MakeDecision(draft, {});
    HF_CHECK(decision.has_value());
    b.decision = *decision;
    b.proposal.state = decline ? cases::ProposalState::kDeclined : cases::ProposalState::kAwarded;
  }
  return b;
}

}  // namespace highfence::bench
