import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, Kind, type OperationTypeNode, parse, print } from 'graphql';
import { type ControlPlaneError, createError } from './errors';
import { type Connection, paginate } from './pagination';
import { createBackoff, DEFAULT_RETRY, isTransient, type RetryOptions, type RetryPolicy } from './retry';
import { sendAttempt } from './transport';

export type ClientOptions = {
  /** The gateway's GraphQL endpoint, e.g. `https://controlplane.example.com/graphql`. */
  url: string;
  /** An organization-scoped API key (`createApiKey`'s secret). */
  apiKey?: string;
  /** A user's bearer token (from `logIn`), or a function that returns the current one. */
  token?: string | (() => string | Promise<string>);
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** The retry policy of every call (see RetryOptions); `false` never retries. */
  retry?: RetryOptions | false;
  /** How long one attempt may take, in ms, before it counts as a network error. Default 30,000. */
  timeoutMs?: number;
  /** The fetch to use. Default: the global fetch of Node 20 and browsers. */
  fetch?: typeof globalThis.fetch;
  /**
   * Lets a credential go over plain `http://` to another machine (a trusted private network).
   * Without it, a client with a credential accepts `http://` only for loopback hosts.
   */
  allowInsecureHttp?: boolean;
};

export type RequestOptions = {
  /**
   * This call's retry policy, over the client's: `{ retryMutations: true }` lets a mutation that
   * is safe to repeat (one with `expectedRevision`, say) be retried; `false` never retries.
   */
  retry?: RetryOptions | false;
  signal?: AbortSignal;
  headers?: Record<string, string>;
};

/** A document's variables and this call's options; variables may be left out when none is required. */
export type RequestArgs<TVariables> =
  Record<string, never> extends TVariables
    ? [variables?: TVariables, options?: RequestOptions]
    : [variables: TVariables, options?: RequestOptions];

/** Any document: a typed one (generated, or your own TypedDocumentNode) or a string of GraphQL. */
export type Document<TData, TVariables> = TypedDocumentNode<TData, TVariables> | string;

type Operation = { query: string; kind: OperationTypeNode; name: string | undefined };

const operations = new WeakMap<DocumentNode, Operation>();

/** The text to send and the kind of operation (which decides whether a retry is safe). */
function operationOf(document: DocumentNode | string): Operation {
  if (typeof document === 'string') return describeOperation(parse(document), document);
  let operation = operations.get(document);
  if (operation === undefined) {
    operation = describeOperation(document, document.loc?.source.body ?? print(document));
    operations.set(document, operation);
  }
  return operation;
}

function describeOperation(document: DocumentNode, query: string): Operation {
  const definitions = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const [definition] = definitions;
  if (definition === undefined || definitions.length > 1) {
    throw new TypeError('A document sent by the client holds exactly one operation.');
  }
  return { query, kind: definition.operation, name: definition.name?.value };
}

/**
 * The core of the client: sends any typed document with authentication, typed errors and safe
 * retries, and pages through any connection. `createControlPlaneClient` adds the common calls.
 */
export function createRequester(options: ClientOptions) {
  if (options.apiKey !== undefined && options.token !== undefined) {
    throw new TypeError('Give either apiKey or token, not both.');
  }
  if (options.apiKey !== undefined || options.token !== undefined) refuseCleartext(options);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function credential(): Promise<string | undefined> {
    if (options.apiKey !== undefined) return options.apiKey;
    return typeof options.token === 'function' ? await options.token() : options.token;
  }

  function policyFor(call: RequestOptions | undefined): RetryPolicy {
    if (options.retry === false || call?.retry === false) return { ...DEFAULT_RETRY, maxAttempts: 1 };
    return { ...DEFAULT_RETRY, ...options.retry, ...call?.retry };
  }

  /**
   * Sends `document` and resolves to its data. Fails with the typed exception of the first error
   * (NotFoundError, ConflictError, …; ControlPlaneError for an unknown code), carrying every error
   * and any partial data. Queries are retried on transient failures; mutations only on opt-in.
   */
  function request<TData, TVariables>(
    document: Document<TData, TVariables>,
    ...[variables, call]: RequestArgs<TVariables>
  ): Promise<TData> {
    return send(document, variables, call);
  }

  async function send<TData, TVariables>(
    document: Document<TData, TVariables>,
    variables: TVariables | undefined,
    call: RequestOptions | undefined,
  ): Promise<TData> {
    const operation = operationOf(document);
    const policy = policyFor(call);
    const retrySafe = operation.kind === 'query' || policy.retryMutations;
    const backoff = createBackoff(policy);
    const token = await credential();
    const headers = {
      ...options.headers,
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...call?.headers,
    };
    const body = {
      query: operation.query,
      variables: variables ?? {},
      ...(operation.name === undefined ? {} : { operationName: operation.name }),
    };
    for (let attemptNumber = 1; ; attemptNumber++) {
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = call?.signal === undefined ? timeout : AbortSignal.any([call.signal, timeout]);
      const result = await sendAttempt(
        { url: options.url, body, headers, fetch: fetchImpl, signal, now: policy.now },
        call?.signal,
      );
      if (result.ok) return result.data as TData;
      const delay = retrySafe && attemptNumber < policy.maxAttempts ? delayBefore(result.error) : undefined;
      if (delay === undefined) throw result.error;
      await policy.sleep(delay, call?.signal);
    }

    function delayBefore(error: ControlPlaneError): number | undefined {
      if (!isTransient(error)) return undefined;
      if (error.retryAfterMs === undefined) return backoff.next();
      return error.retryAfterMs <= policy.maxRetryAfterMs ? error.retryAfterMs : undefined;
    }
  }

  /**
   * Every node of a cursor-paginated list, page after page: `select` picks the connection
   * (`{ nodes, pageInfo { hasNextPage endCursor } }`) out of the data; the document takes
   * `$after: String`. Each page is one `request`, retried like any query.
   *
   *     for await (const event of client.paginate(MyAuditDocument, { ids }, (d) => d.auditLog)) …
   */
  function paginateDocument<TData, TVariables extends { after?: string | null }, TNode>(
    document: Document<TData, TVariables>,
    variables: Omit<TVariables, 'after'>,
    select: (data: TData) => Connection<TNode> | null | undefined,
    call?: RequestOptions,
  ): AsyncGenerator<TNode, void, undefined> {
    return paginate((after) => send(document, { ...variables, after } as TVariables, call), select);
  }

  return { request, paginate: paginateDocument };
}

export type Requester = ReturnType<typeof createRequester>;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An API key or token sent in clear text to another machine is readable by anyone on the way. */
function refuseCleartext(options: ClientOptions): void {
  const url = new URL(options.url);
  if (url.protocol === 'https:' || options.allowInsecureHttp === true) return;
  if (url.protocol === 'http:' && (LOOPBACK.has(url.hostname) || url.hostname.endsWith('.localhost'))) return;
  throw new TypeError(
    `Refusing to send a credential to ${url.protocol}//${url.host} in clear text: use https:// ` +
      '(or allowInsecureHttp: true on a network you trust).',
  );
}

/** Fails with NOT_FOUND when a single read answered null without saying why. */
export function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw createError('NOT_FOUND', `${what} not found.`);
  return value;
}
