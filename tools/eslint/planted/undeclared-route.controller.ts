// Planted violation for test/guardrails.spec.ts: a route that declares no access.
import { Controller, Get } from '@nestjs/common';

@Controller('planted')
export class PlantedController {
  @Get()
  list(): string[] {
    return [];
  }
}
