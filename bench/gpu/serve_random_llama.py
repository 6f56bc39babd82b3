"""A small OpenAI-compatible inference server for GPU checks of `gpuops bench` and `gpuops exporter`.

It decodes with a real transformer on the GPU (a Llama-architecture model built from a config with random
weights, bf16): the load on the GPU and the timing of the stream are real, the text is not. It needs only
PyTorch, transformers and aiohttp, and downloads nothing. Each request decodes in its own worker thread
(no continuous batching), so it is a naive server: TTFT grows with concurrency once the GPU is shared.

    python3 bench/gpu/serve_random_llama.py --port 8000 --layers 16 --hidden 2048
"""
import argparse
import asyncio
import json
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import torch
from aiohttp import web
from transformers import LlamaConfig, LlamaForCausalLM

VOCAB = 32000


def build_model(layers: int, hidden: int):
    cfg = LlamaConfig(vocab_size=VOCAB, hidden_size=hidden, intermediate_size=hidden * 4 * 2 // 3 // 256 * 256 or 1024,
                      num_hidden_layers=layers, num_attention_heads=hidden // 128, num_key_value_heads=max(1, hidden // 512),
                      max_position_embeddings=8192)
    torch.manual_seed(0)
    model = LlamaForCausalLM(cfg).to(device="cuda", dtype=torch.bfloat16).eval()
    params = sum(p.numel() for p in model.parameters())
    return model, params


def prompt_ids(body) -> list:
    """A stand-in tokenizer: one token per whitespace-separated word (no vocabulary can be downloaded)."""
    if "messages" in body:
        text = " ".join(str(m.get("content", "")) for m in body["messages"])
    else:
        text = str(body.get("prompt", ""))
    words = text.split() or ["hello"]
    return [hash(w) % VOCAB for w in words]


def decode(model, ids, max_tokens, emit):
    """Greedy decoding with a KV cache; `emit(token_id)` is called as soon as each token exists on the host."""
    with torch.inference_mode():
        inp = torch.tensor([ids], device="cuda")
        out = model(input_ids=inp, use_cache=True)
        past = out.past_key_values
        nxt = out.logits[:, -1].argmax(-1)
        for i in range(max_tokens):
            emit(int(nxt.item()))
            if i + 1 == max_tokens:
                break
            out = model(input_ids=nxt[:, None], past_key_values=past, use_cache=True)
            past = out.past_key_values
            nxt = out.logits[:, -1].argmax(-1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=8000)
    ap.add_argument("--layers", type=int, default=16)
    ap.add_argument("--hidden", type=int, default=2048)
    ap.add_argument("--model-name", default="random-llama")
    ap.add_argument("--workers", type=int, default=64)
    args = ap.parse_args()
    model, params = build_model(args.layers, args.hidden)
    decode(model, [1, 2, 3], 4, lambda t: None)  # warm CUDA kernels before the first timed request
    pool = ThreadPoolExecutor(max_workers=args.workers)
    lock = threading.Lock()
    served = {"requests": 0, "tokens": 0}

    async def models(_req):
        return web.json_response({"object": "list", "data": [{"id": args.model_name, "object": "model", "owned_by": "gpuops-check"}]})

    async def complete(req: web.Request):
        body = await req.json()
        chat = req.path.endswith("/chat/completions")
        ids = prompt_ids(body)
        max_tokens = int(body.get("max_tokens") or body.get("max_completion_tokens") or 128)
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue = asyncio.Queue()
        rid = f"cmpl-{uuid.uuid4().hex[:16]}"
        created = int(time.time())

        def emit(tok):
            loop.call_soon_threadsafe(queue.put_nowait, tok)

        def work():
            try:
                decode(model, ids, max_tokens, emit)
            finally:
                loop.call_soon_threadsafe(queue.put_nowait, None)

        pool.submit(work)
        usage = lambda n: {"prompt_tokens": len(ids), "completion_tokens": n, "total_tokens": len(ids) + n}
        if not body.get("stream"):
            toks = []
            while (t := await queue.get()) is not None:
                toks.append(t)
            text = "".join(f" t{t}" for t in toks)
            choice = {"index": 0, "finish_reason": "length"}
            choice.update({"message": {"role": "assistant", "content": text}} if chat else {"text": text})
            with lock:
                served["requests"] += 1; served["tokens"] += len(toks)
            return web.json_response({"id": rid, "object": "chat.completion" if chat else "text_completion", "created": created,
                                      "model": args.model_name, "choices": [choice], "usage": usage(len(toks))})
        resp = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
        await resp.prepare(req)
        obj = "chat.completion.chunk" if chat else "text_completion"
        n = 0
        while (t := await queue.get()) is not None:
            n += 1
            choice = {"index": 0, "finish_reason": "length" if n == max_tokens else None}
            choice.update({"delta": {"content": f" t{t}"}} if chat else {"text": f" t{t}"})
            chunk = {"id": rid, "object": obj, "created": created, "model": args.model_name, "choices": [choice]}
            await resp.write(f"data: {json.dumps(chunk)}\n\n".encode())
        if (body.get("stream_options") or {}).get("include_usage"):
            chunk = {"id": rid, "object": obj, "created": created, "model": args.model_name, "choices": [], "usage": usage(n)}
            await resp.write(f"data: {json.dumps(chunk)}\n\n".encode())
        await resp.write(b"data: [DONE]\n\n")
        with lock:
            served["requests"] += 1; served["tokens"] += n
        return resp

    async def stats(_req):
        return web.json_response({"params": params, **served})

    app = web.Application(client_max_size=8 << 20)
    app.router.add_get("/v1/models", models)
    app.router.add_post("/v1/chat/completions", complete)
    app.router.add_post("/v1/completions", complete)
    app.router.add_get("/stats", stats)
    print(f"serving {args.model_name} ({params / 1e9:.2f} B params, random weights) on 127.0.0.1:{args.port}", flush=True)
    web.run_app(app, host="127.0.0.1", port=args.port, print=None)


if __name__ == "__main__":
    main()
