// A plain main() for the fuzz targets when libFuzzer is not there (GCC builds, CI): it replays the seed
// corpus, then mutates it for a bounded time or number of runs from a fixed seed, so a run is repeatable:
// `--seed S --runs N` replays the same inputs in the same order. No coverage feedback — libFuzzer (the
// AGENCY_FUZZ=ON build with clang++) is the real fuzzer; this keeps the same targets exercised under
// ASan + UBSan in every CI run. A crash writes the input to ./crash-<target>-<run> first.
//
// Usage: fuzz_x [--seconds N] [--runs N] [--seed N] [--max-len N] [--dict FILE] [FILE|DIR]...

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

using Bytes = std::vector<uint8_t>;

// xoshiro256** (public domain): small, fast, and the same sequence everywhere for a given seed.
class Random
{
public:
    explicit Random(uint64_t seed)
    {
        for (auto& word : m_state) {
            seed += 0x9E3779B97F4A7C15ULL; // splitmix64 to spread the seed
            uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
            word = z ^ (z >> 31);
        }
    }
    uint64_t next()
    {
        const uint64_t result = rotl(m_state[1] * 5, 7) * 9;
        const uint64_t t = m_state[1] << 17;
        m_state[2] ^= m_state[0];
        m_state[3] ^= m_state[1];
        m_state[1] ^= m_state[2];
        m_state[0] ^= m_state[3];
        m_state[2] ^= t;
        m_state[3] = rotl(m_state[3], 45);
        return result;
    }
    size_t below(size_t bound) { return bound == 0 ? 0 : size_t(next() % bound); }

private:
    static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    uint64_t m_state[4] = {};
};

Bytes readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// libFuzzer's dictionary format: one token a line, `name="value"` or `"value"`, with \\ \" and \xNN escapes.
std::vector<Bytes> readDictionary(const std::string& path)
{
    std::vector<Bytes> tokens;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        const size_t open = line.find('"');
        const size_t close = line.rfind('"');
        if (line.empty() || line[0] == '#' || open == std::string::npos || close <= open)
            continue;
        Bytes token;
        for (size_t i = open + 1; i < close; ++i) {
            if (line[i] == '\\' && i + 1 < close) {
                if (line[i + 1] == 'x' && i + 3 < close) {
                    token.push_back(uint8_t(std::stoi(line.substr(i + 2, 2), nullptr, 16)));
                    i += 3;
                } else {
                    token.push_back(uint8_t(line[++i]));
                }
            } else {
                token.push_back(uint8_t(line[i]));
            }
        }
        tokens.push_back(std::move(token));
    }
    return tokens;
}

void mutate(Bytes& data, const std::vector<Bytes>& pool, const std::vector<Bytes>& dictionary, Random& random,
            size_t maxLength)
{
    static const uint8_t interesting[] = {0,    1,    0x7F, 0x80, 0xFF, '"',  ',',  ';', '\t',
                                          '\r', '\n', '{',  '}',  '[',  ']',  ':',  '0', '9',
                                          '-',  '.',  '@',  '%',  '\\', 0xC3, 0xE9, 0xEF};
    const size_t steps = 1 + random.below(8);
    for (size_t step = 0; step < steps; ++step) {
        const size_t at = random.below(data.size() + 1);
        switch (random.below(data.empty() ? 3 : 10)) {
        case 0: // insert a dictionary token (or an interesting byte)
            if (!dictionary.empty()) {
                const Bytes& token = dictionary[random.below(dictionary.size())];
                data.insert(data.begin() + at, token.begin(), token.end());
                break;
            }
            [[fallthrough]];
        case 1:
            data.insert(data.begin() + at, interesting[random.below(sizeof interesting)]);
            break;
        case 2: { // splice in a piece of another input
            const Bytes& other = pool[random.below(pool.size())];
            if (other.empty())
                break;
            const size_t from = random.below(other.size());
            const size_t length = 1 + random.below(std::min<size_t>(other.size() - from, 256));
            data.insert(data.begin() + at, other.begin() + from, other.begin() + from + length);
            break;
        }
        case 3: // flip a bit
            data[std::min(at, data.size() - 1)] ^= uint8_t(1u << random.below(8));
            break;
        case 4: // replace a byte
            data[std::min(at, data.size() - 1)] = uint8_t(random.next());
            break;
        case 5:
            data[std::min(at, data.size() - 1)] = interesting[random.below(sizeof interesting)];
            break;
        case 6: { // erase a range
            const size_t from = std::min(at, data.size() - 1);
            data.erase(data.begin() + from,
                       data.begin() + from + 1 + random.below(std::min<size_t>(data.size() - from, 16)));
            break;
        }
        case 7: { // repeat a range
            const size_t from = std::min(at, data.size() - 1);
            const size_t length = 1 + random.below(std::min<size_t>(data.size() - from, 64));
            const Bytes piece(data.begin() + from, data.begin() + from + length);
            for (size_t copies = 1 + random.below(4); copies > 0; --copies)
                data.insert(data.begin() + from, piece.begin(), piece.end());
            break;
        }
        case 8: // cut the end off
            data.resize(random.below(data.size()));
            break;
        default: { // overwrite with a dictionary token
            if (dictionary.empty())
                break;
            const Bytes& token = dictionary[random.below(dictionary.size())];
            for (size_t i = 0; i < token.size() && at + i < data.size(); ++i)
                data[at + i] = token[i];
            break;
        }
        }
        if (data.size() > maxLength)
            data.resize(maxLength);
    }
}

// What a crash or a hang leaves behind.
std::string g_target;
const Bytes* g_current = nullptr;
std::atomic<uint64_t> g_run{0};

void writeCurrentInput()
{
    if (!g_current)
        return;
    const std::string name = "crash-" + g_target + "-" + std::to_string(g_run.load());
    if (FILE* out = std::fopen(name.c_str(), "wb")) {
        std::fwrite(g_current->data(), 1, g_current->size(), out);
        std::fclose(out);
        std::fprintf(stderr, "%s: run %llu failed; its input is in %s\n", g_target.c_str(),
                     static_cast<unsigned long long>(g_run.load()), name.c_str());
    }
}

// A failed FUZZ_CHECK aborts: keep the input, then die as before.
void onAbort(int signal)
{
    writeCurrentInput();
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

void runOne(const Bytes& input)
{
    g_current = &input;
    // A copy in its own allocation, so ASan sees reads past the end.
    std::unique_ptr<uint8_t[]> copy(new uint8_t[input.size() + 1]);
    if (!input.empty())
        std::memcpy(copy.get(), input.data(), input.size());
    LLVMFuzzerTestOneInput(copy.get(), input.size());
    ++g_run;
}

} // namespace

int main(int argc, char** argv)
{
    double seconds = 0;
    uint64_t runs = 0;
    uint64_t seed = 1;
    size_t maxLength = 64 * 1024;
    std::string dictionaryPath;
    std::vector<std::string> paths;
    g_target = std::filesystem::path(argv[0]).filename().string();
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const auto value = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", arg.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--seconds")
            seconds = std::stod(value());
        else if (arg == "--runs")
            runs = std::stoull(value());
        else if (arg == "--seed")
            seed = std::stoull(value());
        else if (arg == "--max-len")
            maxLength = std::stoull(value());
        else if (arg == "--dict")
            dictionaryPath = value();
        else if (arg.rfind("--", 0) == 0) {
            std::fprintf(stderr,
                         "usage: %s [--seconds N] [--runs N] [--seed N] [--max-len N] [--dict FILE] "
                         "[FILE|DIR]...\n",
                         argv[0]);
            return 2;
        } else
            paths.push_back(arg);
    }
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
#if defined(__SANITIZE_ADDRESS__)
    __sanitizer_set_death_callback(writeCurrentInput);
#endif
    std::signal(SIGABRT, onAbort);

    std::vector<Bytes> seeds;
    for (const std::string& path : paths) {
        if (std::filesystem::is_directory(path)) {
            std::vector<std::filesystem::path> files;
            for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
                if (entry.is_regular_file())
                    files.push_back(entry.path());
            }
            std::sort(files.begin(), files.end()); // the same order everywhere
            for (const auto& file : files)
                seeds.push_back(readFile(file));
        } else {
            seeds.push_back(readFile(path));
        }
    }
    if (seeds.empty())
        seeds.emplace_back();
    const std::vector<Bytes> dictionary =
        dictionaryPath.empty() ? std::vector<Bytes>() : readDictionary(dictionaryPath);

    // A watchdog: one input running for more than 25 s is a hang; say which before CTest's timeout kills us.
    std::mutex mutex;
    std::condition_variable stop;
    bool done = false;
    std::thread watchdog([&] {
        std::unique_lock lock(mutex);
        uint64_t seen = g_run.load();
        while (!stop.wait_for(lock, std::chrono::seconds(25), [&] { return done; })) {
            const uint64_t now = g_run.load();
            if (now == seen) {
                std::fprintf(stderr, "%s: run %llu has not finished in 25 s\n", g_target.c_str(),
                             static_cast<unsigned long long>(now));
                writeCurrentInput();
                std::abort();
            }
            seen = now;
        }
    });

    const auto started = std::chrono::steady_clock::now();
    for (const Bytes& input : seeds)
        runOne(input);
    const uint64_t seedRuns = g_run.load();

    // Mutants that are kept join the pool, so mutations stack up; the pool stays bounded.
    Random random(seed);
    std::vector<Bytes> pool = seeds;
    const auto deadline = started + std::chrono::duration<double>(seconds);
    uint64_t mutated = 0;
    while ((runs > 0 && mutated < runs) || (runs == 0 && seconds > 0)) {
        if (runs == 0 && (mutated & 63) == 0 && std::chrono::steady_clock::now() >= deadline)
            break;
        Bytes input = pool[random.below(pool.size())];
        mutate(input, pool, dictionary, random, maxLength);
        runOne(input);
        ++mutated;
        if (random.below(8) == 0) {
            if (pool.size() < 512)
                pool.push_back(std::move(input));
            else
                pool[seeds.size() + random.below(pool.size() - seeds.size())] = std::move(input);
        }
    }
    g_current = nullptr;
    {
        std::lock_guard lock(mutex);
        done = true;
    }
    stop.notify_all();
    watchdog.join();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("%s: %llu seed inputs and %llu mutations (seed %llu) in %.1f s, no failure\n",
                g_target.c_str(), static_cast<unsigned long long>(seedRuns),
                static_cast<unsigned long long>(mutated), static_cast<unsigned long long>(seed), elapsed);
    return 0;
}
