#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Replays the worked case (data/examples/case/README.md) with the highfence CLI on a fresh SQLite
# file: a shortlisted RED proposal through ① ② ③, a two-stage review ending in
# proceed_with_conditions, and ④ a follow-up after a list update that opens only for the new hit.
#   data/examples/case/replay.sh [DB_FILE]      (HF=path/to/highfence to choose the binary)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
HF=${HF:-$root/build/dev/cli/highfence}
db=${1:-$(mktemp -d)/case.db}
rm -f "$db" "$db-wal" "$db-shm"
export HIGHFENCE_DB="sqlite:$db"
lists_after=("--lists" "$root/data/lists/jp_meti_eul.jsonl" "--lists" "$root/data/lists/us_entity_list.jsonl")
lists_before=("--lists" "$root/data/lists/jp_meti_eul.jsonl" "--lists" "$here/lists_before/us_entity_list.jsonl")
say() { printf '\n== %s\n' "$*"; }
hf() { "$HF" "$@"; }

"$HF" db migrate >/dev/null

say "institutions, programme, people, partner"
jst=$(hf institution add --as administrator --kind agency --name-ja 科学技術振興機構 --name-en "Japan Science and Technology Agency")
tohoku=$(hf institution add --as administrator --kind university --name-ja 東北大学 --name-en "Tohoku University" --ror https://ror.org/01dq60k83)
prog=$(hf programme add --as programme_officer --agency "$jst" --designated \
  --name-ja 経済安全保障重要技術育成プログラム --name-en "Key and Advanced Technology R&D through Cross Community Collaboration Program" \
  --condition "重要技術の研究開発であること|CSTI 手順書 (2026) 指定の考え方 1" \
  --condition "機微な技術情報を扱うこと|CSTI 手順書 (2026) 指定の考え方 2" \
  --condition "国際共同研究を含み得ること|CSTI 手順書 (2026) 指定の考え方 3")
hit=$(hf organisation add --tenant "$tohoku" --name 哈尔滨工业大学 --name-latin "Harbin Institute of Technology" --country CN)
aoba=$(hf person add --tenant "$tohoku" --name "青葉 花子" --name-latin "Hanako Aoba" --erad 70451234)
sato=$(hf person add --tenant "$tohoku" --name "佐藤 一郎" --name-latin "Ichiro Sato" --erad 80562345)
echo "agency $jst, lead $tohoku, programme $prog, partner $hit, people $aoba $sato"

say "proposal submitted, shortlisted (採択候補), case opened"
prop=$(hf proposal submit --tenant "$tohoku" --programme "$prog" \
  --title "NV中心を用いた量子センシングによる自律型水中航走体の航法" \
  --member "$aoba:pi" --member "$sato:co_pi" --partner "$hit")
hf proposal shortlist "$prop" --as programme_officer
case_id=$(hf case open "$prop")
echo "case $case_id"
hf case advance "$case_id" start_identification

say "① risk identification: disclosures, keyword screening, list check (lists before the update)"
hf import disclosures "$here/disclosures.csv" --certified-by researcher_self --statement "記載内容は事実に相違ありません。"
hf disclose "$aoba" "$here/aoba_2026-11-15.csv" --certified-by researcher_self
hf disclosure diff "$aoba" 1 2
hf case screen "$case_id" "$root/data/examples/proposals/quantum_sensing_ja.pdf"
hf case check "$case_id" "${lists_before[@]}"
hf case advance "$case_id" complete_identification

say "② evaluation per person and partner (DD partial for Sato)"
flags=$(hf case show "$case_id" --format json | jq -r --arg s "$hit" '.flags[] | select(.subject.id == $s) | .id')
flag_args=()
for f in $flags; do flag_args+=(--flag "$f"); done
hf assess "$case_id" --partner "$hit" --risk yes "${flag_args[@]}" \
  --rationale "経済産業省外国ユーザーリスト掲載機関（ハルビン工業大学）が共同研究先。量子センシング技術は軍事転用の懸念がある" \
  --category export_control --category national_security --dd done >/dev/null
hf assess "$case_id" --person "$aoba" --risk no --dd done \
  --rationale "過去（2012–2014年）にハルビン工業大学の客員研究員。現在の関係は共著論文のみで開示済み" >/dev/null
hf assess "$case_id" --person "$sato" --risk unsure --dd partial \
  --gap "2019年以前の兼業先|本人が記録を保持しておらず、先方機関も回答しない" \
  --rationale "2019年以前の兼業先が確認できず、判断できない。現在の兼業は開示済み" --category ri_conflict_of_commitment >/dev/null
hf case advance "$case_id" complete_evaluation

say "③ mitigation: three measures from the catalogue, with consent and feasibility"
m1=$(hf measure add "$case_id" --kind data_access --partner "$hit" --owner officer_sato --due 2027-03-31 \
  --description "未発表の計測データと航法アルゴリズムへのアクセスを東北大学の研究室メンバーに限定する" --binds "$aoba" --binds "$sato")
m2=$(hf measure add "$case_id" --kind prepublication_review --partner "$hit" --owner officer_sato --due 2027-03-31 \
  --description "共同研究先との共著論文は投稿前に安全保障輸出管理の確認を受ける" --binds "$aoba")
m3=$(hf measure add "$case_id" --kind reassessment_on_change --person "$sato" --owner officer_sato --due 2027-06-30 \
  --description "兼業・外部資金に変更があれば届け出て再評価する" --binds "$sato")
hf measure update "$m1" --consent "$aoba" >/dev/null
hf measure update "$m1" --consent "$sato" --feasible "情報基盤センターがアクセス制御の設定を確認" >/dev/null
hf measure update "$m2" --consent "$aoba" --feasible "研究推進課が投稿前確認の手順を確認" >/dev/null
hf measure update "$m3" --consent "$sato" --feasible "研究セキュリティ室が年次確認で実施可能" >/dev/null

say "review: compliance → academic committee, decision proceed_with_conditions"
r1=$(hf review assign "$case_id" compliance officer_tanaka)
r2=$(hf review assign "$case_id" academic_committee prof_kato prof_mori)
hf case advance "$case_id" submit_for_review
hf review vote "$r1" --reviewer officer_tanaka --vote conditions --text "データアクセス制限の実施を条件とする"
hf review vote "$r2" --as reviewer --reviewer prof_kato --vote conditions --text "投稿前確認の記録を年次報告に含めること"
hf review vote "$r2" --as reviewer --reviewer prof_mori --vote approve
hf review decide "$case_id" --outcome proceed_with_conditions \
  --condition "データアクセス制限（措置1）の実施" --condition "共著論文の投稿前確認（措置2）"
hf case advance "$case_id" decide --as reviewer
hf case advance "$case_id" start_follow_up

say "④ follow-up after the list update (the shipped snapshot adds the partner's US Entity List entry)"
hf followup run "${lists_after[@]}" --today 2026-11-30
hf followup list --case "$case_id" --status open

say "the case"
hf case show "$case_id"
hf audit verify
