"""Split requirements.lock into the wheels-only part and the packages published only as source."""
import re
import sys

lock, out, names = sys.argv[1], sys.argv[2], {n.lower() for n in sys.argv[3:]}
blocks, current = [], []
for line in open(lock, encoding="utf-8"):
    if re.match(r"^[A-Za-z0-9_.-]+==", line) and current:
        blocks.append(current)
        current = []
    current.append(line)
blocks.append(current)
binary, source = [], []
for block in blocks:
    name = re.match(r"^([A-Za-z0-9_.-]+)==", block[0])
    (source if name and name.group(1).lower() in names else binary).append("".join(block))
open(f"{out}/binary.lock", "w", encoding="utf-8").write("".join(binary))
open(f"{out}/source.lock", "w", encoding="utf-8").write("".join(source))
