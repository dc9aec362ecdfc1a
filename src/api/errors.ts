/** An error the API answers with: `{"error": {"code", "message"}}` and this status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `api: ${what} not found`);
export const badParameter = (name: string, why: string): ApiError => new ApiError(400, 'bad_parameter', `api: parameter "${name}": ${why}`);
