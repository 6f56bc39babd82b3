import { InputError, nearest } from '../errors.js';

/** One AI term with its infrastructure analogue, for `gpuops explain TERM` and `gpuops glossary`. */
export interface GlossaryEntry {
  term: string;
  /** Other spellings people type: "time to first token", "kv-cache". */
  aliases: string[];
  /** What it is in infrastructure terms: "compiled binary", "batch job". */
  infra: string;
  /** One or two plain sentences for a sysadmin. */
  meaning: string;
  seeAlso?: string[];
}

const ENTRIES: readonly GlossaryEntry[] = [
  { term: 'model', aliases: ['trained model', 'ai model', 'llm'], infra: 'compiled binary',
    meaning: 'The artifact training produces: a fixed set of numbers (the weights) plus the code that runs them. You version, deploy and roll it back like a build artifact; it does not learn while it serves.',
    seeAlso: ['weights', 'training', 'inference'] },
  { term: 'weights', aliases: ['parameters', 'params', 'model weights'], infra: "the binary's data: large read-only files",
    meaning: 'The numbers inside a model, often billions of them, shipped as multi-gigabyte files. Parameters times bytes per parameter is the first thing that must fit in GPU memory.',
    seeAlso: ['VRAM', 'quantization', 'FP16/BF16'] },
  { term: 'training', aliases: ['train', 'pre-training'], infra: 'batch job',
    meaning: 'A long-running job that reads a dataset many times and adjusts the weights, ending in a checkpoint. It keeps GPUs busy for hours to weeks and, across several VMs, needs a fast GPU network.',
    seeAlso: ['epoch', 'checkpoint', 'fine-tuning', 'NCCL'] },
  { term: 'inference', aliases: ['serving', 'prediction', 'scoring'], infra: 'API call',
    meaning: 'Running a trained model on a request to get an answer. It is a request/response service with latency and throughput like any other API; the weights are only read.',
    seeAlso: ['token', 'TTFT', 'vLLM'] },
  { term: 'token', aliases: ['tokens'], infra: 'unit of work',
    meaning: 'The piece of text a language model reads or writes, roughly three quarters of an English word. Cost, rate limits and throughput are counted in tokens, input (prompt) and output (completion) separately.',
    seeAlso: ['TPM', 'context window'] },
  { term: 'TPM', aliases: ['tokens per minute'], infra: 'RPS (throughput)',
    meaning: 'Tokens processed per minute, input plus output: the throughput of an LLM service and the unit most rate limits and quotas use (Azure OpenAI quota is granted in TPM).',
    seeAlso: ['RPM', 'token', 'PTU'] },
  { term: 'RPM', aliases: ['requests per minute'], infra: 'request rate',
    meaning: 'Requests per minute. LLM services limit it alongside TPM, so many small requests can be throttled before the token limit is reached.',
    seeAlso: ['TPM'] },
  { term: 'TTFT', aliases: ['time to first token'], infra: 'time to first byte (TTFB)',
    meaning: 'Time from sending a request to receiving the first token of a streamed answer: the responsiveness a user feels. Queueing and reading the prompt (prefill) dominate it.',
    seeAlso: ['ITL', 'TPOT'] },
  { term: 'ITL', aliases: ['inter-token latency', 'itl/tpot'], infra: 'gap between chunks of a streamed response',
    meaning: 'The time between two consecutive tokens of a streamed answer. Steady, low ITL is what makes text appear smoothly; spikes mean the server is overloaded.',
    seeAlso: ['TPOT', 'TTFT'] },
  { term: 'TPOT', aliases: ['time per output token'], infra: 'per-stream throughput (inverted)',
    meaning: 'Average time per generated token after the first: (end-to-end latency minus TTFT) divided by (output tokens minus 1). It is the mean ITL of one request.',
    seeAlso: ['ITL', 'TTFT'] },
  { term: 'PTU', aliases: ['provisioned throughput unit', 'provisioned throughput'], infra: 'reserved instance',
    meaning: 'Reserved Azure OpenAI capacity: you pay for a fixed number of units whether used or not, and get predictable throughput and latency instead of paying per token.',
    seeAlso: ['TPM', 'spot VM'] },
  { term: 'checkpoint', aliases: ['ckpt', 'checkpoints'], infra: 'snapshot',
    meaning: 'A saved copy of the weights (and optimizer state) taken during training, so a failed or evicted job resumes instead of restarting. Each can be tens to hundreds of GB: plan storage and write bandwidth.',
    seeAlso: ['training', 'spot VM'] },
  { term: 'dataset', aliases: ['training data', 'corpus'], infra: 'database',
    meaning: 'The data a model is trained, fine-tuned or evaluated on. It needs what a production database needs: access control, lineage, backups and fast reads from storage the GPUs can reach.',
    seeAlso: ['training', 'epoch'] },
  { term: 'VRAM', aliases: ['gpu memory', 'hbm', 'gpu ram'], infra: 'RAM on the GPU, with no swap',
    meaning: "The GPU's own memory. Weights, KV cache and working data must fit in it; when they do not, the job fails with out-of-memory instead of slowing down. It is the first sizing constraint of any GPU VM.",
    seeAlso: ['weights', 'KV cache', 'quantization'] },
  { term: 'CUDA', aliases: ['cuda toolkit', 'rocm'], infra: "the GPU's runtime ABI (like glibc)",
    meaning: "NVIDIA's GPU programming platform: driver, runtime libraries and compiler (AMD's counterpart is ROCm). Frameworks are built for a CUDA version and need a driver new enough for it; a mismatch is the most common GPU VM setup failure.",
    seeAlso: ['NCCL'] },
  { term: 'NCCL', aliases: ['nickel', 'rccl'], infra: 'MPI for GPUs',
    meaning: 'NVIDIA Collective Communications Library: how GPUs exchange results during multi-GPU training, over NVLink inside a VM and InfiniBand between VMs. A slow or misconfigured NCCL shows up as GPUs waiting instead of computing.',
    seeAlso: ['NVLink', 'InfiniBand', 'RDMA'] },
  { term: 'InfiniBand', aliases: ['ib', 'hdr', 'ndr'], infra: 'a separate low-latency cluster fabric (like a SAN network)',
    meaning: "The high-bandwidth network between GPU VMs for multi-node training: 200 Gb/s HDR or 400 Gb/s NDR per GPU on Azure's ND sizes. It is separate from the VM's Ethernet NIC and VNet; RDMA sizes such as Standard_ND96isr_H100_v5 have it.",
    seeAlso: ['RDMA', 'NCCL', 'NVLink'] },
  { term: 'NVLink', aliases: ['nvswitch'], infra: 'backplane between the GPUs in one box',
    meaning: "NVIDIA's direct GPU-to-GPU link inside one VM, much faster than PCIe. It matters when one model is split across several GPUs of the same VM.",
    seeAlso: ['InfiniBand', 'NCCL'] },
  { term: 'RDMA', aliases: ['remote direct memory access', 'gpudirect rdma', 'gpudirect'], infra: 'zero-copy networking (like iSCSI or NVMe-oF offload)',
    meaning: "Remote Direct Memory Access: one machine reads or writes another's memory without either CPU copying the data; GPUDirect RDMA goes straight to GPU memory. On Azure GPU sizes it runs over InfiniBand.",
    seeAlso: ['InfiniBand', 'NCCL'] },
  { term: 'ONNX', aliases: ['onnx runtime'], infra: 'portable package format (like an OCI image)',
    meaning: 'Open Neural Network Exchange: a vendor-neutral file format for models, run by ONNX Runtime on CPUs and GPUs, so a model trained in one framework can be served by another.',
    seeAlso: ['model', 'inference'] },
  { term: 'epoch', aliases: ['epochs'], infra: 'one full pass of a batch job over its input',
    meaning: 'One complete pass of training over the whole dataset. Training runs one to many epochs, so job time is roughly epochs times the time per pass.',
    seeAlso: ['training', 'batch size'] },
  { term: 'batch size', aliases: ['batch', 'micro-batch'], infra: 'I/O block size',
    meaning: 'How many examples (or, when serving, requests) the GPU processes at once. Bigger batches use the GPU better but need more memory; too big ends in out-of-memory.',
    seeAlso: ['epoch', 'VRAM'] },
  { term: 'fine-tuning', aliases: ['finetune', 'sft'], infra: 'customizing a vendor binary for your site',
    meaning: 'Further training of an existing model on your own, smaller dataset so it follows your formats or domain. Far cheaper than training from scratch, but still a GPU batch job.',
    seeAlso: ['LoRA', 'QLoRA', 'training'] },
  { term: 'LoRA', aliases: ['low-rank adaptation', 'adapter', 'adapters'], infra: 'a small overlay on a large read-only image',
    meaning: 'Low-Rank Adaptation: fine-tuning that freezes the original weights and trains small extra matrices (adapters, often megabytes). It needs far less GPU memory than full fine-tuning, and adapters can be swapped at serving time.',
    seeAlso: ['QLoRA', 'fine-tuning'] },
  { term: 'QLoRA', aliases: ['quantized lora'], infra: 'the same overlay on a compressed base image',
    meaning: 'LoRA trained on top of a base model loaded in 4-bit precision, cutting memory again so larger models fine-tune on a single GPU, at some cost in speed.',
    seeAlso: ['LoRA', 'quantization'] },
  { term: 'quantization', aliases: ['quantized', 'int8', 'int4', 'fp8'], infra: 'lossy compression',
    meaning: 'Storing weights (and sometimes activations) in fewer bits, such as 8 or 4 instead of 16, so a model needs half or a quarter of the memory and often runs faster, at some loss of quality.',
    seeAlso: ['FP16/BF16', 'VRAM', 'QLoRA'] },
  { term: 'FP16/BF16', aliases: ['fp16', 'bf16', 'bfloat16', 'half precision', 'precision', 'fp32'], infra: 'data type width (int32 vs int64)',
    meaning: '16-bit number formats for weights and arithmetic, the usual choice for training and serving: about 2 bytes per parameter (a 7B model is about 14 GB), against 4 for FP32. BF16 needs an Ampere GPU (A10, A100) or newer.',
    seeAlso: ['quantization', 'weights'] },
  { term: 'KV cache', aliases: ['key-value cache'], infra: 'per-session state held in memory',
    meaning: 'Memory an LLM server keeps for each active request so it does not recompute earlier tokens. It grows with context length and concurrency and, once the weights fit, usually limits how many users one GPU serves.',
    seeAlso: ['context window', 'VRAM', 'vLLM'] },
  { term: 'context window', aliases: ['context length', 'context', 'sequence length', 'max context'], infra: 'maximum request size',
    meaning: 'The most tokens a model can consider in one request, prompt plus answer (8K, 128K...). Longer contexts cost more memory (KV cache) and time.',
    seeAlso: ['token', 'KV cache'] },
  { term: 'MLOps', aliases: ['llmops'], infra: 'DevOps and CI/CD for models',
    meaning: 'Versioning, testing, deploying, monitoring and rolling back models and their data: the DevOps loop applied to model artifacts.',
    seeAlso: ['model', 'dataset'] },
  { term: 'vLLM', aliases: ['vllm server'], infra: 'application server for LLMs',
    meaning: 'A widely used open-source LLM inference server with an OpenAI-compatible HTTP API. It batches concurrent requests and manages the KV cache to serve many users per GPU.',
    seeAlso: ['inference', 'KV cache', 'TTFT'] },
  { term: 'GPU quota family', aliases: ['quota family', 'vm family quota', 'family vcpus', 'quota'], infra: 'per-family resource limit',
    meaning: "Azure caps GPU VMs per subscription and region in vCPUs per VM family (e.g. 'Standard NCADS_A100_v4 Family vCPUs'), on top of Total Regional vCPUs. GPU families often start at 0, and increases can take 24-72 hours or more: request early.",
    seeAlso: ['spot VM'] },
  { term: 'spot VM', aliases: ['spot', 'low priority', 'preemptible', 'spot instance'], infra: 'preemptible capacity',
    meaning: "Spare Azure capacity at a discount that Azure can evict at short notice. Fine for checkpointed training and batch work, not for serving; it draws on the regional Spot vCPU quota (lowPriorityCores) instead of the family's.",
    seeAlso: ['checkpoint', 'GPU quota family'] },
  { term: 'MIG', aliases: ['multi-instance gpu', 'fractional gpu', 'gpu partition', 'partitioned gpu', 'vgpu'], infra: 'slicing one host into isolated VMs',
    meaning: "Splitting one physical GPU into isolated slices with their own memory: NVIDIA MIG does it on A100 and H100, and Azure's NVadsA10_v5 sizes give a VM 1/6, 1/3 or 1/2 of an A10.",
    seeAlso: ['VRAM'] },
];

/** "Fine tuning", "fine-tuning" and "FINE_TUNING" are one key. */
function key(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, '');
}

let index: Map<string, GlossaryEntry> | undefined;

function glossaryIndex(): Map<string, GlossaryEntry> {
  if (!index) {
    index = new Map();
    for (const e of ENTRIES) for (const k of [e.term, ...e.aliases]) index.set(key(k), e);
  }
  return index;
}

/** Every glossary entry, in teaching order (the mental model first). */
export function glossary(): readonly GlossaryEntry[] {
  return ENTRIES;
}

/** The entry for a term or alias (case-insensitive); InputError with the nearest terms when unknown. */
export function explain(term: string): GlossaryEntry {
  const found = glossaryIndex().get(key(term));
  if (found) return found;
  const names = ENTRIES.flatMap((e) => [e.term, ...e.aliases]);
  throw new InputError(`"${term}" is not in the glossary`, {
    suggestion: `did you mean ${nearest(term, names, 3).join(', ')}? (all ${ENTRIES.length} terms: gpuops glossary)`,
  });
}

/** Entries whose term, aliases, meaning or infra analogue contain `query` (case-insensitive); all for "". */
export function searchGlossary(query: string): GlossaryEntry[] {
  const needle = query.trim().toLowerCase();
  return ENTRIES.filter((e) => [e.term, ...e.aliases, e.meaning, e.infra].some((text) => text.toLowerCase().includes(needle)));
}
