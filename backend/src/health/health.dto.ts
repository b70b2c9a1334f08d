import { healthSchema } from '@inspector/contracts';
import { createZodDto } from 'nestjs-zod';

export class HealthDto extends createZodDto(healthSchema) {}
