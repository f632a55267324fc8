import { Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import { buildOpenApiDocument } from './openapi-document';

/** `GET /openapi.json` and the Swagger UI at `/docs`, served from the package's own files (works offline). */
export function apiDocsRouter(): Router {
  const document = buildOpenApiDocument();
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  // No validator badge: Swagger UI would otherwise send the document to validator.swagger.io.
  router.use('/docs', swaggerUi.serve, swaggerUi.setup(document, { swaggerOptions: { validatorUrl: null } }));
  return router;
}
