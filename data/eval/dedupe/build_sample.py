# Builds the candidate pairs of the duplicate-grouping sample from the COVID-19 rumor dataset (Data/en_dup.csv,
# MIT licence; see SOURCES.md). Deterministic: same input, same output. Run once; the labels are added by hand
# (label column of pairs.csv, by the rule in README.md).
#   python3 build_sample.py path/to/en_dup.csv
# Writes items.jsonl (id, text: the post's content only — no author, no source address, no time) and
# candidates.csv (a, b, why), labelled by hand into pairs.csv: every pair of sampled items whose content-word Jaccard is at least 0.3, or whose
# captions are equal once links are removed.
import csv, hashlib, json, re, sys

STOP = set('a an the of to in on at for and or is are was were be been has have had it its this that with by from as'
           ' rt via amp i you he she we they my your our their not no do does did will can could would should'.split())
src = sys.argv[1]
rows = list(csv.DictReader(open(src, encoding='utf-8-sig')))
seen, items = set(), []
for r in rows:
    t = re.sub(r'\s+', ' ', r['content']).strip()
    if not t:
        continue
    items.append(t)
# A deterministic sample of 1,500 posts (the order of SHA-1 of the text and its position).
keyed = sorted(range(len(items)), key=lambda i: hashlib.sha1(f'{i}:{items[i]}'.encode()).hexdigest())[:1500]
keyed.sort()
sample = [{'id': f'p{i}', 'text': items[i]} for i in keyed]

def words(t):
    t = re.sub(r'https?://\S+', ' ', t.lower())
    t = re.sub(r'@\w+', ' ', t)
    return set(w for w in re.findall(r'[a-z0-9]+', t) if w not in STOP and len(w) > 1)

def caption(t):
    return ' '.join(re.findall(r'[a-z0-9]+', re.sub(r'https?://\S+', ' ', t.lower())))

W = [words(s['text']) for s in sample]
C = [caption(s['text']) for s in sample]
out = []
for i in range(len(sample)):
    for j in range(i + 1, len(sample)):
        a, b = W[i], W[j]
        jac = len(a & b) / len(a | b) if a and b else 0
        if jac >= 0.3 or (C[i] and C[i] == C[j]):
            out.append((sample[i]['id'], sample[j]['id'], 'caption' if C[i] == C[j] else f'jaccard {jac:.2f}'))
with open('items.jsonl', 'w') as f:
    for s in sample:
        f.write(json.dumps(s, ensure_ascii=False) + '\n')
with open('candidates.csv', 'w', newline='') as f:
    w = csv.writer(f)
    w.writerow(['a', 'b', 'why'])
    w.writerows(out)
print(len(sample), 'items', len(out), 'candidate pairs')
